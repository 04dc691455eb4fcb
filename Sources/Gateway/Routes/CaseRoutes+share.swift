import Catalog
import Foundation
import Hummingbird

extension CaseRoutes {
    /// Sharing and deleting: the owner only (others with access get 403, the rest 404).
    static func addSharing(to api: APIRouter) {
        let catalog = api.services.catalog

        api.add(APIRoute(.put, "/cases/{case}/shares", id: "shareCase", tag: "cases", access: .user,
                         summary: "Share your case with a user or group for reading or writing; answers every share.",
                         body: .json(CaseShareChange.schema), responses: [200: .json(.arrayOf(.ref("CaseShare")))])) { request, context in
            let me = try context.requireIdentity().user
            let record = try await ownedCase(try context.parameters.require("case"), me.id, catalog)
            let body = try await request.decodeJSON(CaseShareChange.self, context: context)
            guard let access = CaseAccess(rawValue: body.access), access != .owner else {
                throw Problem.badRequest("'access' must be read or write.")
            }
            let subject = try await body.subject.resolve(catalog)
            if case .user(let id) = subject, id == me.id { throw Problem.conflict("The case is yours: you have every access to it already.") }
            try await catalog.shareCase(caseId: record.id, with: subject, access: access, by: .user(me.id))
            return try Response.json(try await catalog.caseShares(caseId: record.id).map(APICaseShare.init))
        }

        api.add(APIRoute(.delete, "/cases/{case}/shares/{kind}/{id}", id: "unshareCase", tag: "cases", access: .user,
                         summary: "Stop sharing your case with a user or group.",
                         parameters: [
                             APIParameter("kind", in: .path, .oneOf(["user", "group"]), "user or group."),
                             APIParameter("id", in: .path, .key, "The user's or group's id or name."),
                         ],
                         responses: [204: nil])) { _, context in
            let me = try context.requireIdentity().user
            let record = try await ownedCase(try context.parameters.require("case"), me.id, catalog)
            let subject = try await CaseShareSubject(kind: try context.parameters.require("kind"), id: try context.parameters.require("id"))
                .resolve(catalog)
            try await catalog.unshareCase(caseId: record.id, with: subject, by: .user(me.id))
            return Response.noContent
        }

        api.add(APIRoute(.delete, "/cases/{case}", id: "deleteCase", tag: "cases", access: .user,
                         summary: "Delete your case with its history and shares.", responses: [204: nil])) { _, context in
            let me = try context.requireIdentity().user
            let record = try await ownedCase(try context.parameters.require("case"), me.id, catalog)
            try await catalog.deleteCase(caseId: record.id, by: .user(me.id))
            return Response.noContent
        }
    }

    /// The case when `userId` owns it (``CaseVisibility``).
    static func ownedCase(_ id: String, _ userId: String, _ catalog: Catalog) async throws -> CaseRecord {
        try await CaseVisibility.owned(id, userId: userId, catalog)
    }
}

/// The body of `PUT /api/v1/cases/{case}/shares`.
struct CaseShareChange: Decodable {
    let subject: CaseShareSubject
    let access: String

    static let schema: JSONValue = .objectSchema([
        "subject": .ref("CaseShareSubject"), "access": ["type": "string", "enum": ["read", "write"]],
    ])
}

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
