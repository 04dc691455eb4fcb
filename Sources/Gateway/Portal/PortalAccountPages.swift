import Catalog
import Foundation
import Hummingbird

/// `/account`: change one's own password (``PortalPasswordPages``: it ends every portal session,
/// this one too, and revokes the API tokens not ticked to keep) and manage one's API tokens; a new token's secret is shown once, on the page
/// answering the form.
enum PortalAccountPages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let now = Date()
            let listed = try await call.catalog.listTokens(userId: call.user.id)
            let tokens = listed.map { token -> [String: Any] in
                ["id": token.id, "name": token.name, "scopes": token.scopes.joined(separator: ", "),
                 "createdAt": PortalFormat.date(token.createdAt), "expiresAt": token.expiresAt.map(PortalFormat.date) ?? "never",
                 "revoked": token.revokedAt != nil]
            }
            // The tokens a password change may keep (the others it revokes).
            let live = listed.filter { $0.revokedAt == nil && ($0.expiresAt ?? .distantFuture) > now }
                .map { token -> [String: Any] in ["id": token.id, "name": token.name] }
            return PortalView("account", title: "Account of \(call.user.displayName)", [
                "tokens": tokens, "hasTokens": !tokens.isEmpty, "liveTokens": live, "hasLiveTokens": !live.isEmpty,
                "name": call.user.name, "role": call.user.role.rawValue,
            ])
        }
        portal.page("/account", page)
        portal.form("/account/password", page: page, PortalPasswordPages.change)
        portal.form("/account/tokens", page: page) { call, form in
            let name = try form.require("name", "the token's name")
            let scopes = try TokenPolicy.scopes(form.all("scope"), for: call.identity).map(\.rawValue)
            var days: Int?
            if let text = form["days"] {
                guard let number = Int(text) else { throw Problem.badRequest("Days must be a whole number.") }
                days = number
            }
            let expires = try await TokenPolicy.expiry(days: days, for: call.identity, call.catalog)
            let created = try await call.catalog.createToken(userId: call.user.id, name: name, scopes: scopes, expiresAt: expires, by: call.actor)
            return .show(message: "Token \(name) created.", extra: ["newSecret": created.secret])
        }
        portal.form("/account/tokens/revoke", page: page) { call, form in
            try await TokenPolicy.revoke(try form.require("id", "the token"), by: call.user, call.services)
            return .redirect("/account", message: "Token revoked.")
        }
    }
}
