import Catalog

/// An admin's changes to another account, for `PATCH /api/v1/users/{user}` and the portal's
/// users page alike: nobody disables themselves or drops their own admin role, and a change of
/// role or of the disabled flag takes effect at once (the token cache forgets the user's tokens;
/// disabling also ends their portal sessions).
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

    static func setDisabled(_ disabled: Bool, of target: User, by actor: User, _ services: AtriumServices) async throws {
        try refuseSelfLockout(target, by: actor, role: nil, disabled: disabled)
        try await services.catalog.setDisabled(userId: target.id, disabled, by: .user(actor.id))
        if disabled { try await services.catalog.endWebSessions(userId: target.id) }
        services.tokenCache.invalidate(userId: target.id)
    }
}
