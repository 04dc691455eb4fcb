import Catalog
import Foundation

/// An API token as listed (never its secret), or just created (with the secret, that once).
struct APITokenInfo: Encodable {
    let id: String
    let name: String
    let scopes: [String]
    let createdAt: Date
    let expiresAt: Date?
    let revokedAt: Date?
    /// Only in the answer to `POST /tokens`.
    let secret: String?

    init(_ token: APIToken, secret: String? = nil) {
        self.id = token.id
        self.name = token.name
        self.scopes = token.scopes
        self.createdAt = token.createdAt
        self.expiresAt = token.expiresAt
        self.revokedAt = token.revokedAt
        self.secret = secret
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "name": .stringSchema,
        "scopes": .arrayOf(["type": "string", "enum": ["read", "write", "admin"]]),
        "createdAt": .dateSchema, "expiresAt": .nullableDateSchema, "revokedAt": .nullableDateSchema,
    ], optional: ["expiresAt", "revokedAt"])

    static let createdSchema: JSONValue = .objectSchema([
        "id": .stringSchema, "name": .stringSchema,
        "scopes": .arrayOf(["type": "string", "enum": ["read", "write", "admin"]]),
        "createdAt": .dateSchema, "expiresAt": .dateSchema,
        "secret": ["type": "string", "description": "The token (atr_…); shown only in this answer."],
    ])
}
