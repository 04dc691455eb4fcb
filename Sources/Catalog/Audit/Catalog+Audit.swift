import Foundation
import SQLKit

/// Reading the audit log (rows are written by every change, in its transaction).
extension Catalog {
    /// Audit rows, newest first, `limit` at a time: pass the last row's id as `before` for the
    /// next page. Optionally only one actor's, or only about one target.
    public func auditLog(limit: Int = 50, before: String? = nil, actor: String? = nil, target: String? = nil) async throws -> [AuditEntry] {
        guard (1...1000).contains(limit) else { throw CatalogError.invalidArgument("page limit must be 1-1000") }
        var filter: SQLQueryString = "WHERE 1 = 1"
        if let before { filter += " AND id < \(bind: before)" }
        if let actor { filter += " AND actor = \(bind: actor)" }
        if let target { filter += " AND target = \(bind: target)" }
        let conditions = filter
        return try await read { db in
            try await db.raw("""
                SELECT id, at, actor, action, target, detail FROM audit \(conditions) ORDER BY id DESC LIMIT \(bind: limit)
                """).all().map { row in
                AuditEntry(id: try row.string("id"), at: CatalogTime.date(try row.int("at")), actor: try row.string("actor"),
                           action: try row.string("action"), target: try row.string("target"), detail: try row.string("detail"))
            }
        }
    }
}
