import Foundation
import SQLKit

/// The cluster master's dispatch: it spreads queued jobs over the live nodes by free solve
/// capacity, writing `assigned_node`; each node then claims only its own jobs
/// (`claimNextJob(…, assignedOnly: true)`). Assigning instead of letting nodes race for the
/// queue keeps a busy node from hoarding jobs while idle ones wait, and puts the whole plan in
/// one place that can be fenced.
extension Catalog {
    /// One fenced master decision (`.staleFence` and nothing changed unless `master` holds the
    /// live lease with `token`):
    /// 1. un-assigns queued jobs whose assignment is older than `staleAssignmentBefore` (the
    ///    node did not claim them in time) or whose node is no longer `up`;
    /// 2. gives each node free capacity = solve slots − jobs running on it − queued jobs
    ///    assigned to it;
    /// 3. hands queued, due (`scheduled_at <= now`), unassigned jobs in claim order (priority,
    ///    then oldest) each to the node with the most free capacity (ties: the less loaded, then
    ///    by name), until no node has any left.
    /// Returns the new assignments in the order made.
    public func dispatchJobs(master: String, token: Int64, now: Date = Date(),
                             staleAssignmentBefore: Date) async throws -> [JobAssignment] {
        let nowMs = CatalogTime.ms(now), staleMs = CatalogTime.ms(staleAssignmentBefore)
        let lock = pool.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await masterDecision(master: master, token: token, now: now) { db in
            // Read first (RETURNING would show the cleared node); a job a node is claiming right
            // now is locked on PostgreSQL and skipped: it is leaving the queue anyway.
            let withdrawn = try await db.raw("""
                SELECT id, assigned_node FROM jobs
                WHERE state = 'queued' AND assigned_node IS NOT NULL
                  AND (assigned_at < \(bind: staleMs) OR assigned_node NOT IN (SELECT name FROM nodes WHERE state = 'up'))
                ORDER BY id \(unsafeRaw: lock)
                """).all()
            for row in withdrawn {
                let id = try row.string("id"), node = try row.string("assigned_node")
                let rows = try await db.raw("""
                    UPDATE jobs SET assigned_node = NULL, assigned_at = NULL
                    WHERE id = \(bind: id) AND state = 'queued' AND assigned_node = \(bind: node)
                    RETURNING id
                    """).all()
                guard !rows.isEmpty else { continue }
                try await audit(db, .system, "job.unassign", "job:\(id)", ["node": node, "reason": "stale, or its node is not up"], at: now)
            }
            var nodes = try await capacities(db)
            let total = nodes.reduce(0) { $0 + $1.free }
            guard total > 0 else { return [] }
            let candidates = try await db.raw("""
                SELECT id FROM jobs WHERE state = 'queued' AND assigned_node IS NULL AND scheduled_at <= \(bind: nowMs)
                ORDER BY priority DESC, submitted_at, id LIMIT \(bind: Int64(total)) \(unsafeRaw: lock)
                """).all().map { try $0.string("id") }
            var assignments: [JobAssignment] = []
            for id in candidates {
                guard let best = nodes.indices.filter({ nodes[$0].free > 0 }).min(by: { nodes[$0].before(nodes[$1]) }) else { break }
                let rows = try await db.raw("""
                    UPDATE jobs SET assigned_node = \(bind: nodes[best].name), assigned_at = \(bind: nowMs)
                    WHERE id = \(bind: id) AND state = 'queued' AND assigned_node IS NULL
                    RETURNING id
                    """).all()
                guard !rows.isEmpty else { continue }
                nodes[best].free -= 1
                nodes[best].load += 1
                try await audit(db, .system, "job.assign", "job:\(id)",
                                ["node": nodes[best].name, "master": master, "token": String(token)], at: now)
                assignments.append(JobAssignment(jobId: id, node: nodes[best].name))
            }
            return assignments
        }
    }

    /// A live node's room for more jobs, as dispatch sees it.
    private struct Capacity {
        let name: String
        /// Solve slots not taken by running or assigned jobs (never below 0).
        var free: Int
        /// Jobs running on it plus queued jobs assigned to it.
        var load: Int

        /// Dispatch preference: more free capacity first, then less loaded, then by name.
        func before(_ other: Capacity) -> Bool {
            if free != other.free { return free > other.free }
            if load != other.load { return load < other.load }
            return name < other.name
        }
    }

    /// Every `up` node's free capacity, by name.
    private func capacities(_ db: any SQLDatabase) async throws -> [Capacity] {
        let nodes = try await db.raw("SELECT name, solve_slots FROM nodes WHERE state = 'up' ORDER BY name").all()
        var running: [String: Int] = [:], assigned: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT node, COUNT(*) AS n FROM jobs WHERE state = 'running' AND node IS NOT NULL GROUP BY node
            """).all() {
            running[try row.string("node")] = Int(try row.int("n"))
        }
        for row in try await db.raw("""
            SELECT assigned_node, COUNT(*) AS n FROM jobs WHERE state = 'queued' AND assigned_node IS NOT NULL GROUP BY assigned_node
            """).all() {
            assigned[try row.string("assigned_node")] = Int(try row.int("n"))
        }
        return try nodes.map { row in
            let name = try row.string("name")
            let load = (running[name] ?? 0) + (assigned[name] ?? 0)
            return Capacity(name: name, free: max(0, Int(try row.int("solve_slots")) - load), load: load)
        }
    }
}
