import Catalog

/// `{kind: user|group, id}` in a case share; `id` may also be the user's or group's name.
struct CaseShareSubject: Codable {
    let kind: String
    let id: String

    init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    init(_ subject: Subject) {
        switch subject {
        case .user(let id): self.kind = "user"; self.id = id
        case .group(let id): self.kind = "group"; self.id = id
        }
    }

    /// The catalog subject, looking the user or group up by id or name; 400 for another kind,
    /// 404 when there is no such user or group.
    func resolve(_ catalog: Catalog) async throws -> Subject {
        switch kind {
        case "user": return .user(try await UserRoutes.lookUp(id, catalog).id)
        case "group": return .group(try await GroupRoutes.lookUp(id, catalog).id)
        default: throw Problem.badRequest("'subject.kind' must be user or group.")
        }
    }

    static let schema: JSONValue = .objectSchema([
        "kind": ["type": "string", "enum": ["user", "group"]], "id": ["type": "string", "maxLength": 64],
    ])
}
