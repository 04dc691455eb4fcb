import Catalog
import Foundation
import Hummingbird

/// Users: admins list, create and change them; everyone reads themselves and changes their own
/// password (which ends their portal sessions and revokes their API tokens but those they keep).
enum UserRoutes {
    static func add(to api: APIRouter) {
        let services = api.services
        let catalog = api.services.catalog
        let tokenCache = api.services.tokenCache
        api.schema("UserPage", Page<APIUser>.schema(.ref("User")))

        api.add(APIRoute(.get, "/users", id: "listUsers", tag: "users", access: .admin, summary: "List users.",
                         parameters: APIParameter.paging, responses: [200: .json(.ref("UserPage"))])) { request, _ in
            let (limit, offset) = try request.paging()
            let users = try await catalog.listUsers(PageRequest(limit: limit + 1, offset: offset))
            return try Response.json(Page(fetched: users.map(APIUser.init), limit: limit, offset: offset))
        }

        api.add(APIRoute(.post, "/users", id: "createUser", tag: "users", access: .admin, summary: "Create a user.",
                         body: .json(UserChange.createSchema), responses: [201: .json(.ref("User"))])) { request, context in
            let body = try await request.decodeJSON(UserChange.self, context: context)
            guard let name = body.name, let password = body.password else {
                throw Problem.badRequest("'name' and 'password' are required.")
            }
            let user = try await catalog.createUser(
                name: name, displayName: body.displayName ?? name, password: password, role: try role(body.role) ?? .user,
                by: .user(try context.requireIdentity().user.id))
            return try Response.json(APIUser(user), status: .created)
        }

        api.add(APIRoute(.get, "/users/{user}", id: "getUser", tag: "users", access: .user,
                         summary: "A user by id or name (admins: anyone; others: themselves, and the same 404 for any other name).",
                         responses: [200: .json(.ref("User"))])) { _, context in
            let user = try await AccountPolicy.visibleUser(try context.parameters.require("user"), to: try context.requireIdentity().user,
                                                           catalog)
            return try Response.json(APIUser(user))
        }

        api.add(APIRoute(.patch, "/users/{user}", id: "updateUser", tag: "users", access: .admin,
                         summary: "Change a user's display name, password, role or disabled flag. A new password ends their portal sessions and revokes their API tokens except those in keepTokens (ids or names).",
                         body: .json(UserChange.patchSchema), responses: [200: .json(.ref("User"))])) { request, context in
            let body = try await request.decodeJSON(UserChange.self, context: context)
            let target = try await lookUp(try context.parameters.require("user"), catalog)
            let actor = try context.requireIdentity().user
            if body.name != nil { throw Problem.badRequest("A user's name cannot change.") }
            // keepTokens only qualifies a new password's revocation: without one there is nothing to keep.
            let role = try role(body.role)
            try AccountPolicy.refuseSelfLockout(target, by: actor, role: role, disabled: body.disabled)
            if let displayName = body.displayName { try await catalog.setDisplayName(userId: target.id, displayName, by: .user(actor.id)) }
            if let password = body.password {
                try await AccountPolicy.setPassword(password, of: target, by: actor, keeping: body.keepTokens ?? [], services)
            }
            if let role { try await AccountPolicy.setRole(role, of: target, by: actor, services) }
            if let disabled = body.disabled { try await AccountPolicy.setDisabled(disabled, of: target, by: actor, services) }
            tokenCache.invalidate(userId: target.id)  // the display name is in the cached identity too
            guard let updated = try await catalog.user(id: target.id) else { throw Problem.notFound("user not found") }
            return try Response.json(APIUser(updated))
        }

        api.add(APIRoute(.put, "/me/password", id: "changeOwnPassword", tag: "session", access: .user,
                         summary: "Change your own password (limited like log-on: 429 past the limit); your portal sessions end and your API tokens are revoked except those in keepTokens (ids or names).",
                         body: .json(PasswordChange.schema), responses: [204: nil])) { request, context in
            let body = try await request.decodeJSON(PasswordChange.self, context: context)
            try await AccountPolicy.changeOwnPassword(try context.requireIdentity(), current: body.currentPassword, new: body.newPassword,
                                                      keeping: body.keepTokens ?? [], remoteAddress: context.remoteAddress, services,
                                                      logger: context.logger)
            return Response.noContent
        }
    }

    static func role(_ text: String?) throws -> Role? {
        guard let text else { return nil }
        guard let role = Role(rawValue: text) else { throw Problem.badRequest("'role' must be admin, publisher or user.") }
        return role
    }

    /// A user by id or by name; 404 when neither matches.
    static func lookUp(_ key: String, _ catalog: Catalog) async throws -> User {
        try await AccountPolicy.user(key, catalog)
    }
}

/// The body of `PUT /api/v1/me/password`.
struct PasswordChange: Decodable {
    let currentPassword: String
    let newPassword: String
    let keepTokens: [String]?

    static let schema: JSONValue = .requestSchema([
        "currentPassword": ["type": "string", "maxLength": 1024],
        "newPassword": APIValueRule.password.schema,
        "keepTokens": UserChange.keepTokensSchema,
    ], optional: ["keepTokens"])
}

/// The body of `POST /api/v1/users` (all fields) and `PATCH /api/v1/users/{user}` (any subset
/// except `name`).
struct UserChange: Decodable {
    let name: String?
    let displayName: String?
    let password: String?
    let role: String?
    let disabled: Bool?
    let keepTokens: [String]?

    static let createSchema: JSONValue = .requestSchema([
        "name": APIValueRule.accountName.schema,
        "displayName": APIValueRule.label.schema,
        "password": APIValueRule.password.schema,
        "role": ["type": "string", "enum": ["admin", "publisher", "user"]],
    ], optional: ["displayName", "role"])

    static let patchSchema: JSONValue = .requestSchema([
        "displayName": APIValueRule.label.schema,
        "password": APIValueRule.password.schema,
        "role": ["type": "string", "enum": ["admin", "publisher", "user"]],
        "disabled": .booleanSchema,
        "keepTokens": keepTokensSchema,
    ], optional: ["displayName", "password", "role", "disabled", "keepTokens"])

    /// With a new password: the API tokens (ids or names) that stay; the others are revoked.
    static let keepTokensSchema: JSONValue = [
        "type": "array", "maxItems": 100, "items": ["type": "string", "maxLength": 64],
        "description": "Ids or names of your live API tokens that stay valid; every other one is revoked. Default: none.",
    ]
}
