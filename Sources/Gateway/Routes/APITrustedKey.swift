import Foundation
import Store

/// A trusted publisher key as the API shows it.
struct APITrustedKey: Encodable {
    let id: String
    let name: String
    /// The raw Ed25519 public key, base64.
    let publicKey: String
    let validFrom: Date
    let validUntil: Date?
    let revokedAt: Date?

    init(_ key: TrustedKey) {
        self.id = key.id
        self.name = key.name
        self.publicKey = key.publicKey.base64EncodedString()
        self.validFrom = key.validFrom
        self.validUntil = key.validUntil
        self.revokedAt = key.revokedAt
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "name": .stringSchema, "publicKey": ["type": "string", "format": "byte"],
        "validFrom": .dateSchema, "validUntil": .nullableDateSchema, "revokedAt": .nullableDateSchema,
    ], optional: ["validUntil", "revokedAt"])
}
