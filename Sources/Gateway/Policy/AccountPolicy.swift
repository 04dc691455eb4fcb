import Catalog
import Foundation
import Logging

/// Changes to an account, for `PATCH /api/v1/users/{user}`, `PUT /api/v1/me/password` and the
/// portal's users, account and password pages alike: nobody disables themselves or drops their
/// own admin role; a change of role or of the disabled flag takes effect at once (the token
/// cache forgets the user's tokens; disabling also ends their portal sessions); a new password
/// ends the user's portal sessions and revokes their API tokens but those they keep.
enum AccountPolicy {
    /// 409 when `actor` would disable themselves or drop their own admin role (checked before any
    /// part of a change is made).
    static func refuseSelfLockout(_ target: User, by actor: User, role: Role?, disabled: Bool?) throws {
        guard actor.id == target.id else { return }
        if disabled == true { throw Problem.conflict("You cannot disable yourself.") }
        if let role, role != .admin { throw Problem.conflict("You cannot drop your own admin role.") }
    }

    static func setRole(_ role: Role, of target: User, by actor: User, _ services: AtriumServices) async throws {
        try refuseSelfLockout(target, by: actor, role: role, disabled: nil)
        try await services.catalog.setRole(userId: target.id, role: role, by: .user(actor.id))
        services.tokenCache.invalidate(userId: target.id)
    }

    /// A user by id or by name; 404 when neither matches.
    static func user(_ key: String, _ catalog: Catalog) async throws -> User {
        if let user = try await catalog.user(id: key) { return user }
        if CatalogName.isValidAccountName(key), let user = try await catalog.user(named: key) { return user }
        throw noSuchUser(key)
    }

    /// The user `key` (an id or a name) names, as `viewer` may see it: admins see anyone, others
    /// only themselves. Any other key is 404 worded as for a name nobody has, and is not even
    /// looked up, so neither the words nor the time tell which names exist.
    static func visibleUser(_ key: String, to viewer: User, _ catalog: Catalog) async throws -> User {
        if viewer.role == .admin { return try await user(key, catalog) }
        guard key == viewer.id || key == viewer.name, let me = try await catalog.user(id: viewer.id) else { throw noSuchUser(key) }
        return me
    }

    /// The one 404 for a user that does not exist or may not be seen.
    static func noSuchUser(_ key: String) -> Problem {
        Problem.notFound("No user '\(key.prefix(64))'.")
    }

    /// The caller changes their own password. The current one is checked under the log-on
    /// limits (``LogOn/verify(_:name:password:remoteAddress:logger:)``: 403 when wrong, 429 past
    /// a limit); then as ``setPassword(_:of:by:keeping:_:)``. Answers how many tokens were revoked.
    @discardableResult
    static func changeOwnPassword(_ identity: Identity, current: String, new: String, keeping keep: [String], remoteAddress: String,
                                  _ services: AtriumServices, logger: Logger) async throws -> Int {
        guard try await LogOn.verify(services, name: identity.user.name, password: current, remoteAddress: remoteAddress,
                                     logger: logger) != nil else {
            throw Problem.forbidden("The current password is wrong.")
        }
        return try await setPassword(new, of: identity.user, by: identity.user, keeping: keep, services)
    }

    /// Sets `target`'s password (their own, or an admin's reset): their portal sessions end and
    /// their API tokens are revoked, at once on this node (the token cache forgets them), except
    /// those named in `keep` (ids or names of their live tokens; 400 for one that is none, before
    /// anything changes). Audited with the number revoked. Answers how many were revoked.
    @discardableResult
    static func setPassword(_ password: String, of target: User, by actor: User, keeping keep: [String],
                            _ services: AtriumServices) async throws -> Int {
        let kept = try await tokensToKeep(keep, of: target, services.catalog)
        let revoked = try await services.catalog.setPassword(userId: target.id, password: password, keepingTokens: kept,
                                                             by: .user(actor.id))
        services.tokenCache.invalidate(userId: target.id)
        try await services.catalog.endWebSessions(userId: target.id)
        return revoked
    }

    /// The ids of `target`'s live tokens that `keep` names by id or by name.
    private static func tokensToKeep(_ keep: [String], of target: User, _ catalog: Catalog) async throws -> Set<String> {
        guard !keep.isEmpty else { return [] }
        guard keep.count <= 100 else { throw Problem.badRequest("Keep at most 100 tokens.") }
        let now = Date()
        let live = try await catalog.listTokens(userId: target.id).filter { $0.revokedAt == nil && ($0.expiresAt ?? .distantFuture) > now }
        var ids: Set<String> = []
        for entry in keep {
            let named = live.filter { $0.id == entry || $0.name == entry }
            guard !named.isEmpty else {
                throw Problem.unprocessable("There is no live token '\(entry.prefix(64))' to keep (give ids or names from the token list); nothing was changed.")
            }
            ids.formUnion(named.map(\.id))
        }
        return ids
    }

    static func setDisabled(_ disabled: Bool, of target: User, by actor: User, _ services: AtriumServices) async throws {
        try refuseSelfLockout(target, by: actor, role: nil, disabled: disabled)
        try await services.catalog.setDisabled(userId: target.id, disabled, by: .user(actor.id))
        if disabled { try await services.catalog.endWebSessions(userId: target.id) }
        services.tokenCache.invalidate(userId: target.id)
    }
}
