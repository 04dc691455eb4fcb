import Foundation
import SQLKit

/// The cluster master's sweep over nodes that stopped heartbeating: each is declared dead and
/// everything it held is taken back, so users can go on elsewhere and no license seat stays
/// held by a process that is gone.
extension Catalog {
    /// Declares dead every `up` node whose last heartbeat is older than `heartbeatBefore`
    /// (never `master` itself: a master that can decide is alive), as one fenced master
    /// decision: `.staleFence` and nothing changed unless `master` holds the live lease with
    /// `token`. For each dead node N, in the same transaction:
    /// - its running jobs go back to the queue with attempts kept (a node death counts as an
    ///   attempt), or fail with "its node N stopped answering; K attempts" at their last attempt
    ///   (cancelled instead when their cancel was requested);
    /// - its queued jobs assigned by the dispatcher are un-assigned;
    /// - its data sessions not ended end with "lost: its node N stopped answering" (their seats
    ///   returned), and their session API tokens are revoked;
    /// - every seat still open on N is returned with that reason.
    /// A dead node's process that comes back finds its heartbeat refused and registers anew.
    public func declareDeadNodes(master: String, token: Int64, heartbeatBefore: Date,
                                 now: Date = Date()) async throws -> [DeadNodeCleanup] {
        let beforeMs = CatalogTime.ms(heartbeatBefore)
        return try await masterDecision(master: master, token: token, now: now) { db in
            let stale = try await db.raw("""
                SELECT name, heartbeat_at FROM nodes
                WHERE state = 'up' AND heartbeat_at < \(bind: beforeMs) AND name <> \(bind: master)
                ORDER BY name
                """).all()
            var cleanups: [DeadNodeCleanup] = []
            for row in stale {
                let name = try row.string("name")
                let lastSeen = CatalogTime.date(try row.int("heartbeat_at")).formatted(.iso8601)
                let reason = "missed heartbeats since \(lastSeen)"
                // Re-checked: a heartbeat that committed since the SELECT keeps the node alive.
                let marked = try await db.raw("""
                    UPDATE nodes SET state = 'dead', state_changed_at = \(bind: CatalogTime.ms(now)), reason = \(bind: reason)
                    WHERE name = \(bind: name) AND state = 'up' AND heartbeat_at < \(bind: beforeMs)
                    RETURNING name
                    """).all()
                guard !marked.isEmpty else { continue }
                let cleanup = try await takeBackWork(db, of: name, now: now)
                try await audit(db, .system, "node.dead", "node:\(name)", [
                    "reason": reason, "master": master, "token": String(token),
                    "requeuedJobs": String(cleanup.requeuedJobs.count), "failedJobs": String(cleanup.failedJobs.count),
                    "lostSessions": String(cleanup.lostSessions.count), "revokedTokens": String(cleanup.revokedTokens.count),
                ], at: now)
                cleanups.append(cleanup)
            }
            return cleanups
        }
    }

    /// Takes back, inside the caller's transaction, everything dead node `name` held.
    private func takeBackWork(_ db: any SQLDatabase, of name: String, now: Date) async throws -> DeadNodeCleanup {
        let lost = "lost: its node \(name) stopped answering"
        let running = try await db.raw("""
            SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE node = \(bind: name) AND state = 'running' ORDER BY id
            """).all().map(Self.job)
        var requeued: [String] = [], failed: [String] = []
        for job in running {
            guard let after = try await handBackLostJob(db, job, stillLost: "",
                                                        failReason: "its node \(name) stopped answering; \(job.attempts) attempts",
                                                        cancelReason: "cancelled; its node \(name) stopped answering",
                                                        now: now) else { continue }
            if after.state == .queued { requeued.append(job.id) } else { failed.append(job.id) }
        }
        let unassigned = try await db.raw("""
            UPDATE jobs SET assigned_node = NULL, assigned_at = NULL WHERE assigned_node = \(bind: name) AND state = 'queued'
            RETURNING id
            """).all()
        for row in unassigned {
            try await audit(db, .system, "job.unassign", "job:\(try row.string("id"))", ["node": name, "reason": "node dead"], at: now)
        }
        let sessions = try await db.raw("""
            SELECT id FROM data_sessions WHERE node = \(bind: name) AND state <> 'ended' ORDER BY created_at, id
            """).all().map { try $0.string("id") }
        var lostSessions: [String] = [], revoked: [String] = []
        for id in sessions {
            guard let session = try await endDataSession(db, id: id, reason: lost, logDigest: nil, now: now) else { continue }
            lostSessions.append(id)
            if let tokenId = session.tokenId,
               try await revokeToken(db, id: tokenId, by: .system, now: now, missingIsError: false) {
                revoked.append(tokenId)
            }
        }
        let seats = try await db.raw("""
            SELECT id FROM seats WHERE node = \(bind: name) AND returned_at IS NULL ORDER BY taken_at, id
            """).all().map { try $0.string("id") }
        for id in seats {
            try await returnSeat(db, id: id, reason: lost, now: now, missingIsError: false)
        }
        return DeadNodeCleanup(node: name, requeuedJobs: requeued, failedJobs: failed, lostSessions: lostSessions,
                               revokedTokens: revoked)
    }
}
