/// The ``BlockingExecutor`` was shut down before this call was admitted: nothing ran.
public struct BlockingExecutorShutDown: Error, Sendable, Equatable, CustomStringConvertible {
    public let lane: BlockingLane

    public init(lane: BlockingLane) {
        self.lane = lane
    }

    public var description: String { "the blocking executor is shut down (\(lane) lane)" }
}
