import Store

/// The platform's current app public key: what `atrium app seal --to` takes.
public struct APIAppKey: Codable, Sendable, Equatable {
    public let id: String
    public let name: String
    /// The public key file's text (`{"kind":"atrium-app-public-key",…}`); save it as a file.
    public let publicKey: String

    public init(_ key: AppPublicKey) throws {
        self.id = key.id
        self.name = key.name
        self.publicKey = String(decoding: try key.fileJSON(), as: UTF8.self)
    }

    public static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "name": .stringSchema, "publicKey": .stringSchema,
    ])
}
