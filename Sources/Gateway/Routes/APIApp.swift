import Catalog
import Foundation

/// A published app as the API shows it.
public struct APIApp: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    public let title: String
    /// What the app is for; empty when its publisher gave none.
    public let description: String
    /// The version launched by default; absent before the first version.
    public let latestVersion: String?
    public let createdAt: Date

    public init(_ app: App) {
        self.id = app.id
        self.name = app.name
        self.title = app.title
        self.description = app.description
        self.latestVersion = app.latestVersion
        self.createdAt = app.createdAt
    }

    public static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "name": .stringSchema, "title": .stringSchema, "description": .stringSchema,
        "latestVersion": .stringSchema, "createdAt": .dateSchema,
    ], optional: ["latestVersion"])
}
