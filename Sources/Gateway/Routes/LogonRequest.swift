/// The body of `POST /api/v1/session`.
struct LogonRequest: Decodable {
    let name: String
    let password: String

    static let schema: JSONValue = .objectSchema([
        "name": ["type": "string", "maxLength": 64], "password": ["type": "string", "maxLength": 1024],
    ])
}
