import Catalog
import Foundation

/// The rules for API tokens, for `POST/DELETE /api/v1/tokens` and the portal's account page
/// alike: which scopes a new token may have, how long it lasts, and who may revoke which token (a revoked token stops working
/// at once: the token cache forgets it).
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
    static func expiry(days: Int?, now: Date = Date()) throws -> Date {
        let days = days ?? defaultDays
        guard allowedDays.contains(days) else {
            throw Problem.badRequest("A token lasts \(allowedDays.lowerBound) to \(allowedDays.upperBound) days.")
        }
        return now.addingTimeInterval(Double(days) * 86400)
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
