import Catalog
import Foundation

/// The rules for API tokens, for `POST/DELETE /api/v1/tokens` and the portal's account page
/// alike: which scopes a new token may have, how long it lasts (never longer than the token
/// making it), and who may revoke which token (a revoked token stops working at once: the token
/// cache forgets it).
enum TokenPolicy {
    static let defaultDays = 90
    static let allowedDays = 1...365

    /// The requested scopes, checked: known, not empty, no repeats; `admin` only for admins; and a
    /// caller using a token cannot mint a token with scopes it lacks itself.
    static func scopes(_ names: [String], for identity: Identity) throws -> [TokenScope] {
        guard !names.isEmpty else { throw Problem.badRequest("'scopes' needs at least one of read, write, admin.") }
        var scopes: [TokenScope] = []
        for name in names {
            guard let scope = TokenScope(rawValue: name), !TokenScope.bound.contains(scope) else {
                throw Problem.badRequest("'scopes' may hold only read, write and admin.")
            }
            if !scopes.contains(scope) { scopes.append(scope) }
        }
        if scopes.contains(.admin), identity.user.role != .admin {
            throw Problem.forbidden("Only admins may create tokens with the admin scope.")
        }
        if case .token(_, let own) = identity.method, !Set(scopes).isSubset(of: own) {
            throw Problem.forbidden("A token cannot create a token with scopes it does not have.")
        }
        return scopes
    }

    /// When a new token lasting `days` (nil: ``defaultDays``) expires; 400 outside ``allowedDays``.
    /// A token made by a caller using a token never outlives that token: its expiry is capped at
    /// the caller token's, and asking for more days than the caller token has left (counting a
    /// started day) is refused (403, naming the caller token's expiry).
    static func expiry(days: Int?, for identity: Identity, _ catalog: Catalog, now: Date = Date()) async throws -> Date {
        let asked = days ?? defaultDays
        guard allowedDays.contains(asked) else {
            throw Problem.badRequest("A token lasts \(allowedDays.lowerBound) to \(allowedDays.upperBound) days.")
        }
        let expiry = now.addingTimeInterval(Double(asked) * 86400)
        guard case .token(let id, _) = identity.method else { return expiry }
        guard let caller = try await catalog.listTokens(userId: identity.user.id).first(where: { $0.id == id }) else {
            throw Problem.forbidden("The token making this call is not one of yours.")
        }
        guard let limit = caller.expiresAt else { return expiry }
        let daysLeft = Int((limit.timeIntervalSince(now) / 86400).rounded(.up))
        if let days, days > daysLeft {
            throw Problem.forbidden("""
                A token cannot create a token that outlives it: this token expires at \(ISO8601DateFormatter().string(from: limit)), \
                so ask for at most \(daysLeft) day\(daysLeft == 1 ? "" : "s") (the new token then expires with it).
                """)
        }
        return min(expiry, limit)
    }

    /// Revokes token `id` for `caller`: their own, or anyone's for an admin; someone else's token
    /// does not exist for a non-admin (404). The token cache forgets it.
    static func revoke(_ id: String, by caller: User, _ services: AtriumServices) async throws {
        let notFound = Problem.notFound("No token '\(id.prefix(64))' of yours.")
        guard id.utf8.count <= 64 else { throw notFound }
        if caller.role != .admin {
            guard try await services.catalog.listTokens(userId: caller.id).contains(where: { $0.id == id }) else { throw notFound }
        }
        try await services.catalog.revokeToken(id: id, by: .user(caller.id))
        services.tokenCache.invalidate(tokenId: id)
    }
}
