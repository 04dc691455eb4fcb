import Catalog
import Foundation
import Hummingbird
import Store

/// Trusted publisher keys: publishers see which keys the server trusts; admins add and revoke.
enum KeyRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        api.schema("TrustedKey", APITrustedKey.schema)

        api.add(APIRoute(.get, "/keys", id: "listKeys", tag: "keys", access: .publisher,
                         summary: "The publisher keys the server trusts, by id.",
                         responses: [200: .json(.arrayOf(.ref("TrustedKey")))])) { _, _ in
            try Response.json(try await catalog.listTrustedKeys().map(APITrustedKey.init))
        }

        api.add(APIRoute(.post, "/keys", id: "addKey", tag: "keys", access: .admin,
                         summary: "Trust a publisher public key file (201; 200 when already trusted with the same bytes).",
                         body: .json(KeyAdd.schema), responses: [201: .json(.ref("TrustedKey")), 200: .json(.ref("TrustedKey"))])) { request, context in
            let body = try await request.decodeJSON(KeyAdd.self, context: context)
            let publisher: PublisherPublicKey
            do {
                publisher = try PublisherPublicKey(fileJSON: Array(body.publicKey.utf8))
            } catch {
                throw Problem.unprocessable("'publicKey' is not a publisher public key file: \(error)")
            }
            let validFrom = body.validFrom ?? Date()
            if let until = body.validUntil, until <= validFrom {
                throw Problem.unprocessable("'validUntil' must be after 'validFrom'.")
            }
            let key = TrustedKey(publisher: publisher, validFrom: validFrom, validUntil: body.validUntil)
            let added = try await catalog.addTrustedKey(key, by: .user(try context.requireIdentity().user.id))
            let stored = try await catalog.listTrustedKeys().first { $0.id == key.id } ?? key
            return try Response.json(APITrustedKey(stored), status: added ? .created : .ok)
        }

        var revoke = APIRoute(.post, "/keys/{key}/revoke", id: "revokeKey", tag: "keys", access: .admin,
                              summary: "Revoke a key as of `at` (default now); packages it signed are refused from then on.",
                              body: .json(KeyRevoke.schema), responses: [200: .json(.ref("TrustedKey"))])
        revoke.bodyRequired = false
        api.add(revoke) { request, context in
            let id = try context.parameters.require("key")
            // The body is optional: no content type means "now".
            let at = request.headers[.contentType] == nil ? nil : try await request.decodeJSON(KeyRevoke.self, context: context).at
            guard id.utf8.count <= 64 else { throw Problem.notFound("No trusted key '\(id.prefix(64))'.") }
            try await catalog.revokeTrustedKey(id: id, at: at ?? Date(), by: .user(try context.requireIdentity().user.id))
            guard let stored = try await catalog.listTrustedKeys().first(where: { $0.id == id }) else {
                throw Problem.notFound("No trusted key '\(id.prefix(64))'.")
            }
            return try Response.json(APITrustedKey(stored))
        }
    }
}

/// The body of `POST /api/v1/keys`: a publisher public key file's text, as written by
/// `atrium keys generate`, and the window in which it may sign.
struct KeyAdd: Decodable {
    let publicKey: String
    let validFrom: Date?
    let validUntil: Date?

    static let schema: JSONValue = .requestSchema([
        "publicKey": ["type": "string", "maxLength": 65536, "description": "The public key file's JSON text."],
        "validFrom": .dateSchema, "validUntil": .dateSchema,
    ], optional: ["validFrom", "validUntil"])
}

/// The (optional) body of `POST /api/v1/keys/{key}/revoke`.
struct KeyRevoke: Decodable {
    let at: Date?

    static let schema: JSONValue = .requestSchema(["at": .dateSchema], optional: ["at"])
}
