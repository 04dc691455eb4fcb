/// The body of `PUT /apps/{app}/latest`.
struct LatestChange: Decodable, Sendable {
    let version: String

    static let schema: JSONValue = .objectSchema(["version": .stringSchema])
}
