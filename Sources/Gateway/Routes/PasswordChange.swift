/// The body of `PUT /api/v1/me/password`.
struct PasswordChange: Decodable {
    let currentPassword: String
    let newPassword: String

    static let schema: JSONValue = .objectSchema([
        "currentPassword": ["type": "string", "maxLength": 1024],
        "newPassword": ["type": "string", "minLength": 8, "maxLength": 1024],
    ])
}
