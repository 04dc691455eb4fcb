import Catalog
import Foundation

/// A group as the API shows it.
struct APIGroup: Encodable {
    let id: String
    let name: String
    let createdAt: Date

    init(_ group: Group) {
        self.id = group.id
        self.name = group.name
        self.createdAt = group.createdAt
    }

    static let schema: JSONValue = .objectSchema(["id": .stringSchema, "name": .stringSchema, "createdAt": .dateSchema])
}
