import Foundation

/// One license seat: taken by a holder (a data session or job id) for a user, app and node,
/// with a lease its holder renews. It is *held* while `returnedAt` is nil and `leaseUntil` is
/// in the future; returned and lapsed seats stay as the usage history.
public struct Seat: Sendable, Hashable {
    public let id: String
    public let kind: SeatKind
    public let holder: String
    public let userId: String
    public let app: String
    public let node: String
    public let takenAt: Date
    public var leaseUntil: Date
    public var returnedAt: Date?
    public var returnReason: String?

    public init(id: String, kind: SeatKind, holder: String, userId: String, app: String, node: String, takenAt: Date,
                leaseUntil: Date, returnedAt: Date? = nil, returnReason: String? = nil) {
        self.id = id
        self.kind = kind
        self.holder = holder
        self.userId = userId
        self.app = app
        self.node = node
        self.takenAt = takenAt
        self.leaseUntil = leaseUntil
        self.returnedAt = returnedAt
        self.returnReason = returnReason
    }

    /// Held at `now`: not returned and the lease not lapsed.
    public func isHeld(at now: Date) -> Bool { returnedAt == nil && leaseUntil > now }
}
