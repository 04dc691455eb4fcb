/// The body of `POST /api/v1/tokens`.
struct TokenCreate: Decodable {
    let name: String
    let scopes: [String]
    let expiresInDays: Int?

    static let schema: JSONValue = .objectSchema([
        "name": ["type": "string", "minLength": 1, "maxLength": 256],
        "scopes": ["type": "array", "minItems": 1, "uniqueItems": true, "items": ["type": "string", "enum": ["read", "write", "admin"]]],
        "expiresInDays": ["type": "integer", "minimum": 1, "maximum": 365, "default": 90],
    ], optional: ["expiresInDays"])
}
