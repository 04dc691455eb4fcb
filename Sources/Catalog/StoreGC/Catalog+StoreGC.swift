import Foundation
import SQLKit

/// Store gc runs, kept in the audit log (action `store.gc`, target `store`): admins see the last
/// one on every node of a cluster, and who ran it (`system` for the schedule).
extension Catalog {
    public static let storeGCAction = "store.gc"
    public static let storeGCTarget = "store"

    /// Records a run that already happened.
    public func recordStoreGC(_ detail: [String: String], by actor: AuditActor, now: Date = Date()) async throws {
        try await transaction { db in try await audit(db, actor, Self.storeGCAction, Self.storeGCTarget, detail, at: now) }
    }

    /// Records a run of the cluster's master, fenced: `.staleFence` when `master` no longer holds
    /// the lease with `token` (the run is then not the cluster's to report).
    public func recordStoreGC(_ detail: [String: String], by actor: AuditActor, master: String, token: Int64,
                              now: Date = Date()) async throws {
        try await masterDecision(master: master, token: token, now: now) { db in
            try await audit(db, actor, Self.storeGCAction, Self.storeGCTarget, detail, at: now)
        }
    }

    /// The newest recorded run, nil before the first.
    public func lastStoreGC() async throws -> AuditEntry? {
        try await auditLog(limit: 1, target: Self.storeGCTarget).first { $0.action == Self.storeGCAction }
    }
}
