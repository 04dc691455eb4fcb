import Foundation

/// A person who logs on. The password hash never leaves the catalog.
public struct User: Sendable, Hashable, Identifiable {
    public let id: String
    /// Lowercase log-on name, `[a-z0-9][a-z0-9._-]{0,63}`.
    public let name: String
    public let displayName: String
    public let role: Role
    public let disabled: Bool
    public let createdAt: Date
    /// Must choose a new password before doing anything else (the first-run admin's one-time
    /// password, or a password an admin reset). Cleared by any password change.
    public var mustChangePassword: Bool = false
}
