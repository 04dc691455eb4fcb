import Catalog
import Foundation
import Synchronization

/// What this node knows of its place in the cluster, shared between the member (which
/// heartbeats and holds the master lease) and the job runner (which dispatches while master).
public final class ClusterState: Sendable {
    public let settings: ClusterSettings
    /// The base URL other nodes reach this node's HTTPS server at (`https://host:port`).
    public let address: String
    private let state = Mutex<(lease: MasterLease?, incarnation: String)>((nil, ""))

    public init(settings: ClusterSettings, address: String) {
        self.settings = settings
        self.address = address
    }

    /// The master lease while this node holds it and it has not lapsed by `now`.
    public func masterLease(now: Date = Date()) -> MasterLease? {
        state.withLock { state in
            guard let lease = state.lease, lease.leaseUntil > now else { return nil }
            return lease
        }
    }

    public var incarnation: String { state.withLock { $0.incarnation } }

    func set(lease: MasterLease?) {
        state.withLock { $0.lease = lease }
    }

    func set(incarnation: String) {
        state.withLock { $0.incarnation = incarnation }
    }

    /// A master decision carrying `token` was refused as stale: this node is not master any more.
    public func fenced(token: Int64) {
        state.withLock { state in
            if state.lease?.token == token { state.lease = nil }
        }
    }
}
