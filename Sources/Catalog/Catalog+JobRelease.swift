import Foundation
import SQLKit

extension Catalog {
    /// Gives a job running on `node` back to the queue. Without `countAttempt` (graceful
    /// shutdown, no free solve seat) the attempt is not charged; with it (a restarted node found
    /// the job orphaned by its own crash) it counts like a node death, so a job that kills its
    /// node every time fails after its last attempt. Nil when the job no longer runs there.
    /// A released job loses its dispatch too: in a cluster the master gives it to a node that
    /// can run it, not back to the one that just handed it back.
    @discardableResult
    public func releaseJob(id: String, node: String, countAttempt: Bool = false, now: Date = Date(),
                           attempt: Int? = nil) async throws -> JobRecord? {
        let fence = Self.fence(attempt)
        let nowMs = CatalogTime.ms(now)
        return try await transaction { db in
            guard let current = try await db.raw("""
                SELECT \(unsafeRaw: Self.jobColumns) FROM jobs WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' \(fence)
                """).first().map(Self.job) else { return nil }
            let update: SQLQueryString
            let action: String
            if countAttempt, current.attempts >= current.maxAttempts {
                let reason = "its node stopped \(current.attempts) times while running it"
                update = """
                    UPDATE jobs SET state = 'failed', finished_at = \(bind: nowMs), lease_until = NULL, reason = \(bind: reason)
                    WHERE id = \(bind: id) AND state = 'running'
                    """
                action = "job.fail"
            } else {
                let charge: Int64 = countAttempt ? 0 : 1
                update = """
                    UPDATE jobs SET state = 'queued', node = NULL, lease_until = NULL, progress = NULL, started_at = NULL,
                                    assigned_node = NULL, assigned_at = NULL, attempts = attempts - \(bind: charge)
                    WHERE id = \(bind: id) AND state = 'running'
                    """
                action = "job.release"
            }
            try await db.raw(update).run()
            try await audit(db, .system, action, "job:\(id)", ["node": node, "attempt": String(current.attempts),
                                                               "counted": countAttempt ? "yes" : "no"], at: now)
            return try await self.job(db, id)
        }
    }
}
