import Catalog
import Foundation
import Hummingbird

/// API tokens: each user lists, creates and revokes their own; admins may revoke anyone's.
/// A token's secret appears once, in the answer to its creation.
enum TokenRoutes {
    static func add(to api: APIRouter) {
        let services = api.services
        let catalog = api.services.catalog
        api.schema("Token", APITokenInfo.schema)
        api.schema("CreatedToken", APITokenInfo.createdSchema)

        api.add(APIRoute(.get, "/tokens", id: "listTokens", tag: "tokens", access: .user,
                         summary: "Your API tokens, newest first, without secrets.",
                         responses: [200: .json(.arrayOf(.ref("Token")))])) { _, context in
            let me = try context.requireIdentity().user
            return try Response.json(try await catalog.listTokens(userId: me.id).map { APITokenInfo($0) })
        }

        api.add(APIRoute(.post, "/tokens", id: "createToken", tag: "tokens", access: .user,
                         summary: "Create an API token; the answer holds its secret, shown only this once. Made with a token, it expires no later than that token (more days than it has left: 403).",
                         body: .json(TokenCreate.schema), responses: [201: .json(.ref("CreatedToken"))])) { request, context in
            let body = try await request.decodeJSON(TokenCreate.self, context: context)
            let identity = try context.requireIdentity()
            let scopes = try TokenPolicy.scopes(body.scopes, for: identity)
            let expiresAt = try await TokenPolicy.expiry(days: body.expiresInDays, for: identity, catalog)
            let created = try await catalog.createToken(userId: identity.user.id, name: body.name, scopes: scopes.map(\.rawValue),
                                                        expiresAt: expiresAt,
                                                        by: .user(identity.user.id))
            return try Response.json(APITokenInfo(created.token, secret: created.secret), status: .created)
        }

        api.add(APIRoute(.delete, "/tokens/{token}", id: "revokeToken", tag: "tokens", access: .user,
                         summary: "Revoke one of your tokens (admins: anyone's); it stops working at once.",
                         responses: [204: nil])) { _, context in
            try await TokenPolicy.revoke(try context.parameters.require("token"), by: try context.requireIdentity().user, services)
            return Response.noContent
        }
    }
}

/// The body of `POST /api/v1/tokens`.
struct TokenCreate: Decodable {
    let name: String
    let scopes: [String]
    let expiresInDays: Int?

    static let schema: JSONValue = .requestSchema([
        "name": APIValueRule.label.schema,
        // A scope named twice counts once.
        "scopes": ["type": "array", "minItems": 1, "items": ["type": "string", "enum": ["read", "write", "admin"]]],
        "expiresInDays": ["type": "integer", "minimum": 1, "maximum": 365, "default": 90],
    ], optional: ["expiresInDays"])
}
