/// The body of `POST /apps`.
struct AppCreate: Decodable, Sendable {
    let name: String
    let title: String

    static let schema: JSONValue = .objectSchema([
        "name": ["type": "string", "pattern": "^[a-z0-9][a-z0-9._+-]{0,127}$"], "title": .stringSchema,
    ])
}
