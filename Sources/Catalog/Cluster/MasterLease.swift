import Foundation

/// The cluster master lease: which node holds it, until when, and its fencing token. The token
/// grows by one at every takeover and never otherwise, so a decision carrying an older token
/// comes from a master that was replaced (or paused past its lease) and is refused.
public struct MasterLease: Sendable, Equatable {
    public let node: String
    /// The fencing token every master decision carries.
    public let token: Int64
    public let leaseUntil: Date
    /// When this node took the lease (renewals keep it).
    public let since: Date

    public init(node: String, token: Int64, leaseUntil: Date, since: Date) {
        self.node = node
        self.token = token
        self.leaseUntil = leaseUntil
        self.since = since
    }
}
