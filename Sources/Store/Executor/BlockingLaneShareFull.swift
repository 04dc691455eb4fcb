/// One holder (the gateway: one user) already had its share of a lane's calls
/// (``BlockingLimits/share(of:)``, e.g. ``BlockingLimits/transfersPerHolder``): nothing ran, and
/// the lane may well have room for others. The gateway answers 429 with `Retry-After`.
public struct BlockingLaneShareFull: Error, Sendable, Equatable, CustomStringConvertible {
    public let lane: BlockingLane
    public let holder: String
    public let share: Int

    public init(lane: BlockingLane, holder: String, share: Int) {
        self.lane = lane
        self.holder = holder
        self.share = share
    }

    public var description: String { "\(holder) already runs \(share) calls on the \(lane) lane, its share; try again when one ends" }
}
