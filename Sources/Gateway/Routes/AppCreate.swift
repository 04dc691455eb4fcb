/// The body of `POST /apps`.
struct AppCreate: Decodable, Sendable {
    let name: String
    let title: String
    /// What the app is for (the portal's catalogue shows it).
    let description: String?

    static let schema: JSONValue = .objectSchema([
        "name": ["type": "string", "pattern": "^[a-z0-9][a-z0-9._+-]{0,127}$"], "title": .stringSchema,
        "description": ["type": "string", "maxLength": 2000],
    ], optional: ["description"])
}
