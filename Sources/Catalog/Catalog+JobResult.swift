import Foundation
import SQLKit
import Store

extension Catalog {
    /// A job's result, fenced: in ONE transaction, only while the job still runs on `node` in
    /// attempt `attempt` (its row locked on PostgreSQL, so a requeue waits), the output becomes
    /// the case's next version and the job `succeeded` with that version. Nil (and nothing
    /// saved) when the job is not this attempt's any more — a node that was paused past its
    /// lease and whose job ran elsewhere can never add a second result.
    public func saveJobResult(id: String, node: String, attempt: Int, caseId: String, expectedHead: BlobDigest, newHead: BlobDigest,
                              number: Int64, size: Int64, resultStatus: String? = nil, progress: String? = nil,
                              by actor: AuditActor,
                              now: Date = Date()) async throws -> (CaseRecord, JobRecord)? {
        let lock = pool.kind == .postgres ? "FOR UPDATE" : ""
        return try await transaction { db in
            guard try await db.raw("""
                SELECT id FROM jobs WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running'
                  AND attempts = \(bind: Int64(attempt)) \(unsafeRaw: lock)
                """).first() != nil else { return nil }
            let record = try await saveCaseVersion(db, caseId: caseId, expectedHead: expectedHead, newHead: newHead, number: number,
                                                   size: size, by: actor, now: now)
            guard let row = try await db.raw("""
                UPDATE jobs SET state = 'succeeded', finished_at = \(bind: CatalogTime.ms(now)), lease_until = NULL,
                                result_number = \(bind: number), reason = NULL,
                                result_status = \(bind: resultStatus.map { Self.cut($0, maxBytes: 64) }),
                                progress = COALESCE(\(bind: progress.map { Self.cut($0, maxBytes: 4096) }), progress)
                WHERE id = \(bind: id) AND node = \(bind: node) AND state = 'running' AND attempts = \(bind: Int64(attempt))
                RETURNING \(unsafeRaw: Self.jobColumns)
                """).first() else { throw CatalogError.database("job \(id) changed under its row lock") }
            try await audit(db, .system, "job.finish", "job:\(id)",
                            ["state": "succeeded", "node": node, "attempt": String(attempt), "result": String(number)], at: now)
            return (record, try Self.job(row))
        }
    }

    /// Attaches the kept log of a finished attempt (the result was recorded before the log was
    /// archived); only where no log is attached yet.
    public func attachJobLog(id: String, node: String, attempt: Int, logDigest: String) async throws {
        try await transaction { db in
            try await db.raw("""
                UPDATE jobs SET log_digest = \(bind: logDigest)
                WHERE id = \(bind: id) AND node = \(bind: node) AND attempts = \(bind: Int64(attempt)) AND log_digest IS NULL
                """).run()
        }
    }
}
