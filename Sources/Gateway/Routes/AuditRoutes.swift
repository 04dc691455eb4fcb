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
                             APIParameter.limit,
                             APIParameter("before", in: .query, .text(maxLength: 300), "Only rows older than this row id."),
                             APIParameter("actor", in: .query, .text(maxLength: 300), "Only rows by this user (id or name) or `system`."),
                             APIParameter("target", in: .query, .text(maxLength: 300), "Only rows about this target, e.g. `user:<id>`, `case:<id>`."),
                         ],
                         responses: [200: .json(.ref("AuditPage"))])) { request, _ in
            let limit = try request.pageLimit()
            var actor = request.query("actor")
            if let name = actor, name != "system", CatalogName.isValidAccountName(name), let user = try await catalog.user(named: name) {
                actor = user.id
            }
            let rows = try await catalog.auditLog(limit: limit + 1, before: request.query("before"), actor: actor, target: request.query("target"))
            let items = rows.prefix(limit).map(APIAuditEntry.init)
            return try Response.json(AuditPage(items: items, nextBefore: rows.count > limit ? items.last?.id : nil))
        }
    }
}

/// A page of the audit log, newest first; `nextBefore` fetches the next (older) page.
struct AuditPage: Encodable {
    let items: [APIAuditEntry]
    let nextBefore: String?

    static let schema: JSONValue = .objectSchema([
        "items": .arrayOf(.ref("AuditEntry")), "nextBefore": ["type": "string", "nullable": true],
    ], optional: ["nextBefore"])
}
