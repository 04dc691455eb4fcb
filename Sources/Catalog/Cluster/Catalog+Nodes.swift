import Foundation
import SQLKit

/// Cluster membership: every node process registers at start, heartbeats while it runs and
/// leaves when it stops. The master (see `Catalog+Master.swift`) declares nodes whose heartbeat
/// stopped dead and takes their work back.
///
/// A node row is keyed by the node's name, but every heartbeat also names the process's
/// `incarnation`: once a node was declared dead, or another process registered under its name,
/// the old process's heartbeats fail — it must drop its work and register again, never keep
/// running work the master already gave to someone else.
extension Catalog {
    /// Registers (or re-registers) node `name` as `up`: a new process, heartbeat `now`, no
    /// load yet, its state change and reason reset. The row is replaced whatever it was (dead,
    /// left, or an older incarnation that is still `up`, which is thereby replaced).
    @discardableResult
    public func registerNode(name: String, address: String, incarnation: String, solveSlots: Int,
                             now: Date = Date()) async throws -> NodeRecord {
        for (what, value) in [("name", name), ("address", address), ("incarnation", incarnation)]
        where value.isEmpty || value.utf8.count > 256 {
            throw CatalogError.invalidArgument("node \(what) must be 1-256 bytes")
        }
        guard (0...100_000).contains(solveSlots) else { throw CatalogError.invalidArgument("solve slots must be 0-100000") }
        let ms = CatalogTime.ms(now)
        return try await transaction { db in
            let before = try await db.raw("SELECT incarnation, state FROM nodes WHERE name = \(bind: name)").first()
            guard let row = try await db.raw("""
                INSERT INTO nodes (name, address, incarnation, state, solve_slots, running_jobs, data_sessions, started_at,
                                   heartbeat_at, state_changed_at, reason)
                VALUES (\(bind: name), \(bind: address), \(bind: incarnation), 'up', \(bind: Int64(solveSlots)), 0, 0,
                        \(bind: ms), \(bind: ms), \(bind: ms), NULL)
                ON CONFLICT (name) DO UPDATE SET
                    address = excluded.address, incarnation = excluded.incarnation, state = 'up',
                    solve_slots = excluded.solve_slots, running_jobs = 0, data_sessions = 0, started_at = excluded.started_at,
                    heartbeat_at = excluded.heartbeat_at, state_changed_at = excluded.state_changed_at, reason = NULL
                RETURNING \(unsafeRaw: Self.nodeColumns)
                """).first() else { throw CatalogError.database("node registration returned no row") }
            var detail = ["address": address, "incarnation": incarnation, "solveSlots": String(solveSlots)]
            if let before {
                detail["replaces"] = "\(try before.string("incarnation")) (\(try before.string("state")))"
            }
            try await audit(db, .system, "node.join", "node:\(name)", detail, at: now)
            return try Self.node(row)
        }
    }

    /// Records that node `name`, process `incarnation`, is alive with these loads. False when
    /// that process is no longer the node's live one (declared dead, left, or replaced by a newer
    /// registration): the caller must drop its work and register again. Writes no audit row.
    public func heartbeat(name: String, incarnation: String, runningJobs: Int, dataSessions: Int,
                          now: Date = Date()) async throws -> Bool {
        try await transaction { db in
            !(try await db.raw("""
                UPDATE nodes SET heartbeat_at = \(bind: CatalogTime.ms(now)), running_jobs = \(bind: Int64(max(0, runningJobs))),
                                 data_sessions = \(bind: Int64(max(0, dataSessions)))
                WHERE name = \(bind: name) AND incarnation = \(bind: incarnation) AND state = 'up'
                RETURNING name
                """).all().isEmpty)
        }
    }

    /// A graceful goodbye: node `name`, process `incarnation`, becomes `left` (not dead: it
    /// handed its running work back itself, e.g. with `releaseJob`). Queued jobs the master had
    /// assigned to it are taken back by the master's next `dispatchJobs`, which un-assigns jobs
    /// of every node that is not `up`. False when that process was no longer the node's live one.
    @discardableResult
    public func leaveNode(name: String, incarnation: String, now: Date = Date()) async throws -> Bool {
        try await transaction { db in
            let left = try await db.raw("""
                UPDATE nodes SET state = 'left', state_changed_at = \(bind: CatalogTime.ms(now)), reason = 'left the cluster'
                WHERE name = \(bind: name) AND incarnation = \(bind: incarnation) AND state = 'up'
                RETURNING name
                """).all()
            guard !left.isEmpty else { return false }
            try await audit(db, .system, "node.leave", "node:\(name)", ["incarnation": incarnation], at: now)
            return true
        }
    }

    /// Every node ever registered (live, dead or left), by name.
    public func listNodes() async throws -> [NodeRecord] {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.nodeColumns) FROM nodes ORDER BY name").all().map(Self.node)
        }
    }

    public func node(name: String) async throws -> NodeRecord? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.nodeColumns) FROM nodes WHERE name = \(bind: name)").first().map(Self.node)
        }
    }

    // MARK: rows

    static let nodeColumns = """
        name, address, incarnation, state, solve_slots, running_jobs, data_sessions, started_at, heartbeat_at,
        state_changed_at, reason
        """

    static func node(_ row: any SQLRow) throws -> NodeRecord {
        guard let state = NodeState(rawValue: try row.string("state")) else { throw CatalogError.database("unknown node state") }
        return NodeRecord(
            name: try row.string("name"), address: try row.string("address"), incarnation: try row.string("incarnation"),
            state: state, solveSlots: Int(try row.int("solve_slots")), runningJobs: Int(try row.int("running_jobs")),
            dataSessions: Int(try row.int("data_sessions")), startedAt: CatalogTime.date(try row.int("started_at")),
            heartbeatAt: CatalogTime.date(try row.int("heartbeat_at")),
            stateChangedAt: CatalogTime.date(try row.int("state_changed_at")), reason: try row.optionalString("reason"))
    }
}
