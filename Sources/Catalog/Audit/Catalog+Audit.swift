import Foundation
import SQLKit

/// Reading the audit log (rows are written by every change, in its transaction).
extension Catalog {
    /// Audit rows, newest first, `limit` at a time: pass the last row's id as `before` for the
    /// next page. Optionally only one actor's, or only about one target.
    public func auditLog(limit: Int = 50, before: String? = nil, actor: String? = nil, target: String? = nil) async throws -> [AuditEntry] {
        _ = try PageRequest(limit: limit).validated()
        var list = FilteredList("id, at, actor, action, target, detail", from: "audit")
        if let before { list.filter("id < \(bind: before)") }
        list.filter("actor", equals: actor)
        list.filter("target", equals: target)
        let query = list.query(orderBy: "id DESC", limit: limit)
        return try await read { db in
            try await db.raw(query).all().map { row in
                AuditEntry(id: try row.string("id"), at: CatalogTime.date(try row.int("at")), actor: try row.string("actor"),
                           action: try row.string("action"), target: try row.string("target"), detail: try row.string("detail"))
            }
        }
    }
}
