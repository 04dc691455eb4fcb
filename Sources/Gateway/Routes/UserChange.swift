/// The body of `POST /api/v1/users` (all fields) and `PATCH /api/v1/users/{user}` (any subset
/// except `name`).
struct UserChange: Decodable {
    let name: String?
    let displayName: String?
    let password: String?
    let role: String?
    let disabled: Bool?

    static let createSchema: JSONValue = .objectSchema([
        "name": ["type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"],
        "displayName": ["type": "string", "minLength": 1, "maxLength": 200],
        "password": ["type": "string", "minLength": 8, "maxLength": 1024],
        "role": ["type": "string", "enum": ["admin", "publisher", "user"]],
    ], optional: ["displayName", "role"])

    static let patchSchema: JSONValue = [
        "type": "object",
        "properties": [
            "displayName": ["type": "string", "minLength": 1, "maxLength": 200],
            "password": ["type": "string", "minLength": 8, "maxLength": 1024],
            "role": ["type": "string", "enum": ["admin", "publisher", "user"]],
            "disabled": .booleanSchema,
        ],
    ]
}
