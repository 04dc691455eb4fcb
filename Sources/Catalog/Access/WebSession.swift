import Foundation

/// A portal log-on: the user, the CSRF token its forms must carry, and when it ends. The secret
/// that names it (the cookie value) is only ever stored as SHA-256.
public struct WebSession: Sendable, Hashable {
    public let user: User
    public let csrf: String
    public let expiresAt: Date
}
