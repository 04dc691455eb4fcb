import Catalog

/// Who a right is granted to: `{kind: user|group, id}`.
public struct APISubject: Codable, Sendable, Equatable {
    public let kind: String
    public let id: String

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    public init(_ subject: Subject) {
        switch subject {
        case .user(let id): self.init(kind: "user", id: id)
        case .group(let id): self.init(kind: "group", id: id)
        }
    }

    public static let schema: JSONValue = .objectSchema([
        "kind": ["type": "string", "enum": ["user", "group"]], "id": .stringSchema,
    ])
}
