import Catalog
import Foundation
import Hummingbird

/// Users: admins list, create and change them; everyone reads themselves and changes their own
/// password (which ends their other portal sessions).
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
                         summary: "A user by id or name (admins: anyone; others: themselves).",
                         responses: [200: .json(.ref("User"))])) { _, context in
            let user = try await lookUp(try context.parameters.require("user"), catalog)
            let me = try context.requireIdentity().user
            guard me.role == .admin || me.id == user.id else { throw Problem.notFound("user not found") }
            return try Response.json(APIUser(user))
        }

        api.add(APIRoute(.patch, "/users/{user}", id: "updateUser", tag: "users", access: .admin,
                         summary: "Change a user's display name, password, role or disabled flag.",
                         body: .json(UserChange.patchSchema), responses: [200: .json(.ref("User"))])) { request, context in
            let body = try await request.decodeJSON(UserChange.self, context: context)
            let target = try await lookUp(try context.parameters.require("user"), catalog)
            let actor = try context.requireIdentity().user
            if body.name != nil { throw Problem.badRequest("A user's name cannot change.") }
            let role = try role(body.role)
            try AccountPolicy.refuseSelfLockout(target, by: actor, role: role, disabled: body.disabled)
            if let displayName = body.displayName { try await catalog.setDisplayName(userId: target.id, displayName, by: .user(actor.id)) }
            if let password = body.password {
                try await catalog.setPassword(userId: target.id, password: password, by: .user(actor.id))
                try await catalog.endWebSessions(userId: target.id)
            }
            if let role { try await AccountPolicy.setRole(role, of: target, by: actor, services) }
            if let disabled = body.disabled { try await AccountPolicy.setDisabled(disabled, of: target, by: actor, services) }
            tokenCache.invalidate(userId: target.id)  // the display name is in the cached identity too
            guard let updated = try await catalog.user(id: target.id) else { throw Problem.notFound("user not found") }
            return try Response.json(APIUser(updated))
        }

        api.add(APIRoute(.put, "/me/password", id: "changeOwnPassword", tag: "session", access: .user,
                         summary: "Change your own password; your other portal sessions end.",
                         body: .json(PasswordChange.schema), responses: [204: nil])) { request, context in
            let body = try await request.decodeJSON(PasswordChange.self, context: context)
            let me = try context.requireIdentity()
            guard try await catalog.verifyPassword(name: me.user.name, password: body.currentPassword) != nil else {
                throw Problem.forbidden("The current password is wrong.")
            }
            try await catalog.setPassword(userId: me.user.id, password: body.newPassword, by: .user(me.user.id))
            try await catalog.endWebSessions(userId: me.user.id)
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
        if let user = try await catalog.user(id: key) { return user }
        if CatalogName.isValidAccountName(key), let user = try await catalog.user(named: key) { return user }
        throw Problem.notFound("No user '\(key.prefix(64))'.")
    }
}

/// The body of `PUT /api/v1/me/password`.
struct PasswordChange: Decodable {
    let currentPassword: String
    let newPassword: String

    static let schema: JSONValue = .objectSchema([
        "currentPassword": ["type": "string", "maxLength": 1024],
        "newPassword": APIValueRule.password.schema,
    ])
}

/// The body of `POST /api/v1/users` (all fields) and `PATCH /api/v1/users/{user}` (any subset
/// except `name`).
struct UserChange: Decodable {
    let name: String?
    let displayName: String?
    let password: String?
    let role: String?
    let disabled: Bool?

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
    ], optional: ["displayName", "password", "role", "disabled"])
}
