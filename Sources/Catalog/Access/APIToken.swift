import Foundation

/// An API token as listed: never its secret (only a SHA-256 of it is stored).
public struct APIToken: Sendable, Hashable, Identifiable {
    public let id: String
    public let userId: String
    public let name: String
    public let scopes: [String]
    public let createdAt: Date
    public let expiresAt: Date?
    public let revokedAt: Date?
}
