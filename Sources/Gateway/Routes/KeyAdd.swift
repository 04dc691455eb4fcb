import Foundation

/// The body of `POST /api/v1/keys`: a publisher public key file's text, as written by
/// `atrium keys generate`, and the window in which it may sign.
struct KeyAdd: Decodable {
    let publicKey: String
    let validFrom: Date?
    let validUntil: Date?

    static let schema: JSONValue = .objectSchema([
        "publicKey": ["type": "string", "maxLength": 65536, "description": "The public key file's JSON text."],
        "validFrom": .dateSchema, "validUntil": .dateSchema,
    ], optional: ["validFrom", "validUntil"])
}
