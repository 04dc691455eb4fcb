import Foundation

/// A seat held by this node: renewed well before it lapses, so that only a dead holder loses it.
/// A value with no I/O; the supervisor asks it what to do at each tick.
public struct SeatLease: Sendable, Hashable {
    public let seatId: String
    public private(set) var until: Date
    public let duration: TimeInterval

    public init(seatId: String, until: Date, duration: TimeInterval) {
        self.seatId = seatId
        self.until = until
        self.duration = duration
    }

    public enum Decision: Sendable, Hashable {
        case keep
        /// Extend to this time.
        case renew(Date)
        /// The lease lapsed (this node was paused or cut off): the seat may be someone else's.
        case lapsed
    }

    /// Renew once a third of the lease is used; lapsed once it passed.
    public func decide(now: Date) -> Decision {
        if now >= until { return .lapsed }
        if until.timeIntervalSince(now) <= duration * 2 / 3 { return .renew(now.addingTimeInterval(duration)) }
        return .keep
    }

    public mutating func renewed(until newUntil: Date) {
        until = max(until, newUntil)
    }
}
