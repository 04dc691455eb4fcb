import Foundation

/// The (optional) body of `POST /api/v1/keys/{key}/revoke`.
struct KeyRevoke: Decodable {
    let at: Date?

    static let schema: JSONValue = .objectSchema(["at": .dateSchema], optional: ["at"])
}
