import Catalog
import Foundation
import Hummingbird
import Store

/// `/admin/keys` (trust and revoke publisher keys) and `/audit` (the audit log, paged), for admins.
enum PortalKeyPages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let keys = try await call.catalog.listTrustedKeys().map { key -> [String: Any] in
                var row: [String: Any] = ["id": key.id, "name": key.name, "validFrom": PortalFormat.date(key.validFrom),
                                          "validUntil": key.validUntil.map(PortalFormat.date) ?? "—"]
                if let revoked = key.revokedAt { row["revokedAt"] = PortalFormat.date(revoked) }
                return row
            }
            return PortalView("keys", title: "Trusted keys", ["keys": keys])
        }
        portal.page("/admin/keys", access: .admin, page)
        portal.form("/admin/keys", access: .admin, page: page) { call, form in
            let text = try form.require("publicKey", "the public key file")
            let publisher: PublisherPublicKey
            do {
                publisher = try PublisherPublicKey(fileJSON: Array(text.utf8))
            } catch {
                throw Problem.badRequest("That is not a publisher public key file: \(error)")
            }
            let added = try await call.catalog.addTrustedKey(TrustedKey(publisher: publisher, validFrom: Date()), by: call.actor)
            return .redirect("/admin/keys", message: added ? "Key \(publisher.id) of \(publisher.name) is trusted." : "That key was already known.")
        }
        portal.form("/admin/keys/revoke", access: .admin, page: page) { call, form in
            let id = try form.require("id", "the key")
            try await call.catalog.revokeTrustedKey(id: id, at: Date(), by: call.actor)
            return .redirect("/admin/keys", message: "Key \(id) is revoked.")
        }

        portal.page("/audit", access: .admin) { call in
            let limit = 50
            let entries = try await call.catalog.auditLog(limit: limit, before: call.request.query("before"))
            var names = PortalNameBook(call.catalog)
            var rows: [[String: Any]] = []
            for entry in entries {
                rows.append(["at": PortalFormat.date(entry.at), "actor": try await names.user(entry.actor), "action": entry.action,
                             "target": try await names.target(entry.target), "detail": entry.detail == "{}" ? "" : entry.detail])
            }
            var data: [String: Any] = ["entries": rows]
            if entries.count == limit, let last = entries.last { data["next"] = last.id }
            return PortalView("audit", title: "Audit log", data)
        }
    }
}
