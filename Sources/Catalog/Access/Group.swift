import Foundation

/// A named set of users; rights and case shares granted to a group reach its members.
public struct Group: Sendable, Hashable, Identifiable {
    public let id: String
    /// Lowercase name, `[a-z0-9][a-z0-9._-]{0,63}`.
    public let name: String
    public let createdAt: Date
}
