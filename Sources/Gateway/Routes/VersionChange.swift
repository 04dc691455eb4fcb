/// The body of `PATCH /apps/{app}/versions/{version}`.
struct VersionChange: Decodable, Sendable {
    let hidden: Bool

    static let schema: JSONValue = .objectSchema(["hidden": .booleanSchema])
}
