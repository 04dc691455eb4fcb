/// The body of `POST /api/v1/groups`.
struct GroupCreate: Decodable {
    let name: String

    static let schema: JSONValue = .objectSchema(["name": ["type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$"]])
}
