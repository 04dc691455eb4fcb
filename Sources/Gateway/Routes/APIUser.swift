import Catalog
import Foundation

/// A user as the API shows it (never the password hash).
public struct APIUser: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    public let displayName: String
    public let role: String
    public let disabled: Bool
    public let createdAt: Date

    public init(_ user: User) {
        self.id = user.id
        self.name = user.name
        self.displayName = user.displayName
        self.role = user.role.rawValue
        self.disabled = user.disabled
        self.createdAt = user.createdAt
    }

    public static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "name": .stringSchema, "displayName": .stringSchema,
        "role": ["type": "string", "enum": ["admin", "publisher", "user"]],
        "disabled": .booleanSchema, "createdAt": .dateSchema,
    ])
}
