import Catalog
import Foundation
import Hummingbird

/// The audit log, for admins: newest first, paged by `before` (keyset: stable while rows are added).
enum AuditRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        api.schema("AuditEntry", APIAuditEntry.schema)
        api.schema("AuditPage", AuditPage.schema)

        api.add(APIRoute(.get, "/audit", id: "listAudit", tag: "audit", access: .admin,
                         summary: "Audit log rows, newest first; pass nextBefore as before for older ones.",
                         parameters: [
                             APIParameter("limit", in: .query, schema: ["type": "integer", "minimum": 1, "maximum": 500], "Rows per page (default 50)."),
                             APIParameter("before", in: .query, "Only rows older than this row id."),
                             APIParameter("actor", in: .query, "Only rows by this user (id or name) or `system`."),
                             APIParameter("target", in: .query, "Only rows about this target, e.g. `user:<id>`, `case:<id>`."),
                         ],
                         responses: [200: .json(.ref("AuditPage"))])) { request, _ in
            let limit = try request.paging().limit
            func bounded(_ name: String) throws -> String? {
                guard let text = request.query(name) else { return nil }
                guard text.utf8.count <= 300 else { throw Problem.badRequest("'\(name)' is too long.") }
                return text
            }
            var actor = try bounded("actor")
            if let name = actor, name != "system", CatalogName.isValidAccountName(name), let user = try await catalog.user(named: name) {
                actor = user.id
            }
            let rows = try await catalog.auditLog(limit: limit + 1, before: try bounded("before"), actor: actor, target: try bounded("target"))
            let items = rows.prefix(limit).map(APIAuditEntry.init)
            return try Response.json(AuditPage(items: items, nextBefore: rows.count > limit ? items.last?.id : nil))
        }
    }
}
