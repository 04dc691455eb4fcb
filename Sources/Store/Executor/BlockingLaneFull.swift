/// A bounded lane that refuses when full (``BlockingLane/transfers``, ``BlockingLane/storeWalks``)
/// had `limit` calls running: nothing ran; try again shortly (the gateway answers 503 with
/// `Retry-After`).
public struct BlockingLaneFull: Error, Sendable, Equatable, CustomStringConvertible {
    public let lane: BlockingLane
    public let limit: Int

    public init(lane: BlockingLane, limit: Int) {
        self.lane = lane
        self.limit = limit
    }

    public var description: String { "the \(lane) lane already runs \(limit) calls at once; try again shortly" }
}
