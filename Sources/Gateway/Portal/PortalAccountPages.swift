import Catalog
import Foundation
import Hummingbird

/// `/account`: change one's own password (which ends every portal session, this one too) and
/// manage one's API tokens; a new token's secret is shown once, on the page answering the form.
enum PortalAccountPages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let tokens = try await call.catalog.listTokens(userId: call.user.id).map { token -> [String: Any] in
                ["id": token.id, "name": token.name, "scopes": token.scopes.joined(separator: ", "),
                 "createdAt": PortalFormat.date(token.createdAt), "expiresAt": token.expiresAt.map(PortalFormat.date) ?? "never",
                 "revoked": token.revokedAt != nil]
            }
            return PortalView("account", title: "Account of \(call.user.displayName)", ["tokens": tokens])
        }
        portal.page("/account", page)
        portal.form("/account/password", page: page) { call, form in
            guard let current = form.raw("current"), let new = form.raw("new"), !new.isEmpty else {
                throw Problem.badRequest("Fill in the current and the new password.")
            }
            guard try await call.catalog.verifyPassword(name: call.user.name, password: current) != nil else {
                throw Problem.forbidden("The current password is wrong.")
            }
            try await call.catalog.setPassword(userId: call.user.id, password: new, by: call.actor)
            try await call.catalog.endWebSessions(userId: call.user.id)
            return .redirect("/logon", message: "Your password is changed; log on again with the new one.")
        }
        portal.form("/account/tokens", page: page) { call, form in
            let name = try form.require("name", "the token's name")
            let scopes = form.all("scope").filter { TokenScope(rawValue: $0).map { $0 != .session } ?? false }
            guard !scopes.isEmpty else { throw Problem.badRequest("Choose at least one scope.") }
            if scopes.contains("admin"), call.user.role != .admin { throw Problem.forbidden("Only admins may make admin tokens.") }
            var expires: Date?
            if let text = form["days"] {
                guard let days = Int(text), (1...3650).contains(days) else { throw Problem.badRequest("Days must be a whole number from 1 to 3650.") }
                expires = Date().addingTimeInterval(Double(days) * 86400)
            }
            let created = try await call.catalog.createToken(userId: call.user.id, name: name, scopes: scopes, expiresAt: expires, by: call.actor)
            return .show(message: "Token \(name) created.", extra: ["newSecret": created.secret])
        }
        portal.form("/account/tokens/revoke", page: page) { call, form in
            let id = try form.require("id", "the token")
            guard try await call.catalog.listTokens(userId: call.user.id).contains(where: { $0.id == id }) else {
                throw Problem.notFound("There is no such token of yours.")
            }
            try await call.catalog.revokeToken(id: id, by: call.actor)
            return .redirect("/account", message: "Token revoked.")
        }
    }
}
