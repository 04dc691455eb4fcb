import Foundation
import SQLKit

/// The cluster master lease: one row (`cluster_master`, id 1) saying which node is master,
/// until when, and its fencing token.
///
/// Every change of the lease and every master decision runs in one transaction that first
/// locks that row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite `BEGIN IMMEDIATE` already
/// holds the single write lock). A takeover bumps the token under that lock, and a decision
/// checks node, token and lease under it before it changes anything — so a master that paused
/// (GC, swap, a stopped VM) past its lease can never act once another node took over: its
/// decision waits for the row, then finds the new token and throws `.staleFence`.
extension Catalog {
    /// Takes or renews the master lease for `node` until `leaseUntil`. The holder of a live
    /// lease renews it (same token); a lapsed or never-held lease is taken over (token + 1,
    /// `since` now, audited as `cluster.master`); nil while another node holds a live lease.
    public func acquireMaster(node: String, leaseUntil: Date, now: Date = Date()) async throws -> MasterLease? {
        guard !node.isEmpty, node.utf8.count <= 256 else { throw CatalogError.invalidArgument("node must be 1-256 bytes") }
        guard leaseUntil > now else { throw CatalogError.invalidArgument("the master lease must end after now") }
        let nowMs = CatalogTime.ms(now), untilMs = CatalogTime.ms(leaseUntil)
        return try await transaction { db in
            let current = try await lockMaster(db)
            if current.node == node, current.leaseUntil >= nowMs {
                try await db.raw("UPDATE cluster_master SET lease_until = \(bind: untilMs) WHERE id = 1").run()
                return MasterLease(node: node, token: current.token, leaseUntil: CatalogTime.date(untilMs),
                                   since: CatalogTime.date(current.since))
            }
            guard current.node == nil || current.leaseUntil < nowMs else { return nil }
            let token = current.token + 1
            try await db.raw("""
                UPDATE cluster_master SET node = \(bind: node), token = \(bind: token), lease_until = \(bind: untilMs),
                                          since = \(bind: nowMs)
                WHERE id = 1
                """).run()
            var detail = ["token": String(token)]
            if let previous = current.node { detail["previous"] = previous }
            try await audit(db, .system, "cluster.master", "node:\(node)", detail, at: now)
            return MasterLease(node: node, token: token, leaseUntil: CatalogTime.date(untilMs), since: CatalogTime.date(nowMs))
        }
    }

    /// Extends the lease of `node` holding token `token` to `leaseUntil`. False when the lease
    /// is no longer theirs or lapsed before `now`: a lapsed lease must be acquired again, which
    /// bumps the token (someone else may have acted as master in between).
    public func renewMaster(node: String, token: Int64, leaseUntil: Date, now: Date = Date()) async throws -> Bool {
        try await transaction { db in
            !(try await db.raw("""
                UPDATE cluster_master SET lease_until = \(bind: CatalogTime.ms(leaseUntil))
                WHERE id = 1 AND node = \(bind: node) AND token = \(bind: token) AND lease_until >= \(bind: CatalogTime.ms(now))
                RETURNING id
                """).all().isEmpty)
        }
    }

    /// The live master lease at `now`, or nil when nobody holds one (never held, lapsed or
    /// resigned).
    public func currentMaster(now: Date = Date()) async throws -> MasterLease? {
        try await read { db in
            let row = try await Self.masterRow(db, lock: "")
            guard let node = row.node, row.leaseUntil >= CatalogTime.ms(now) else { return nil }
            return MasterLease(node: node, token: row.token, leaseUntil: CatalogTime.date(row.leaseUntil),
                               since: CatalogTime.date(row.since))
        }
    }

    /// Gives the lease up (a graceful stop), so another node takes over without waiting for it
    /// to lapse. Only while it is still `node`'s with `token`; returns whether it was.
    @discardableResult
    public func resignMaster(node: String, token: Int64, now: Date = Date()) async throws -> Bool {
        try await transaction { db in
            let rows = try await db.raw("""
                UPDATE cluster_master SET lease_until = 0 WHERE id = 1 AND node = \(bind: node) AND token = \(bind: token)
                RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            try await audit(db, .system, "cluster.resign", "node:\(node)", ["token": String(token)], at: now)
            return true
        }
    }

    // MARK: fencing

    /// Runs a master decision: one transaction that first locks the lease row and checks that
    /// `master` holds it with `token` and that it has not lapsed at `now`; else throws
    /// `.staleFence` before `body` changes anything.
    func masterDecision<T>(master: String, token: Int64, now: Date, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let nowMs = CatalogTime.ms(now)
        return try await transaction { db in
            let lease = try await lockMaster(db)
            guard lease.node == master, lease.token == token, lease.leaseUntil >= nowMs else {
                throw CatalogError.staleFence(Self.staleFenceText(master: master, token: token, lease: lease, nowMs: nowMs))
            }
            return try await body(db)
        }
    }

    static func staleFenceText(master: String, token: Int64, lease: MasterRow, nowMs: Int64) -> String {
        let carried = "a master decision of \(master) carried fencing token \(token)"
        guard let holder = lease.node else { return "\(carried) but no node holds the lease (token \(lease.token))" }
        if lease.token != token || holder != master {
            return "\(carried) but the lease is at token \(lease.token), held by \(holder)"
        }
        let lapsed = CatalogTime.date(lease.leaseUntil).formatted(.iso8601)
        return "\(carried) but that lease lapsed at \(lapsed); it must be acquired again"
    }

    struct MasterRow {
        var node: String?
        var token: Int64
        var leaseUntil: Int64
        var since: Int64
    }

    /// Reads the lease row locked for this transaction (`FOR UPDATE` on PostgreSQL; SQLite's
    /// writer lock is already held since `BEGIN IMMEDIATE`).
    func lockMaster(_ db: any SQLDatabase) async throws -> MasterRow {
        try await Self.masterRow(db, lock: pool.kind == .postgres ? "FOR UPDATE" : "")
    }

    static func masterRow(_ db: any SQLDatabase, lock: String) async throws -> MasterRow {
        guard let row = try await db.raw("""
            SELECT node, token, lease_until, since FROM cluster_master WHERE id = 1 \(unsafeRaw: lock)
            """).first() else { throw CatalogError.database("the cluster_master row is missing") }
        return MasterRow(node: try row.optionalString("node"), token: try row.int("token"),
                         leaseUntil: try row.int("lease_until"), since: try row.int("since"))
    }
}
