import Catalog
import Foundation
import Hummingbird

/// Log on, log off and `me`.
enum AuthRoutes {
    static func add(to api: APIRouter) {
        api.schema("User", APIUser.schema)
        api.schema("SessionInfo", SessionInfo.schema)
        let services = api.services

        var logon = APIRoute(.post, "/session", id: "logOn", tag: "session", access: .anonymous,
                             summary: "Log on with name and password; sets the session cookie and returns the CSRF token.",
                             body: .json(LogonRequest.schema), responses: [200: .json(.ref("SessionInfo"))])
        logon.csrfExempt = true
        api.add(logon) { request, context in
            let body = try await request.decodeJSON(LogonRequest.self, context: context)
            let result = try await LogOn.perform(services, name: body.name, password: body.password,
                                                 remoteAddress: context.remoteAddress, logger: context.logger)
            let identity = result.identity
            var response = try Response.json(SessionInfo(identity))
            response.setCookie(SessionCookie.set(result.secret, maxAge: Int(services.sessionLifetime)))
            return response
        }

        api.add(APIRoute(.delete, "/session", id: "logOff", tag: "session", access: .user,
                         summary: "Log off: ends the portal session and clears its cookie.", responses: [204: nil])) { _, context in
            if case .session(let secret, _) = try context.requireIdentity().method {
                try await services.catalog.endWebSession(secret: secret)
            }
            var response = Response.noContent
            response.setCookie(SessionCookie.clear())
            return response
        }

        api.add(APIRoute(.get, "/me", id: "me", tag: "session", access: .user,
                         summary: "The caller and, for a portal session, its CSRF token.",
                         responses: [200: .json(.ref("SessionInfo"))])) { _, context in
            try Response.json(SessionInfo(try context.requireIdentity()))
        }
    }
}

/// The body of `POST /api/v1/session`.
struct LogonRequest: Decodable {
    let name: String
    let password: String

    static let schema: JSONValue = .objectSchema([
        "name": ["type": "string", "maxLength": 64], "password": ["type": "string", "maxLength": 1024],
    ])
}

/// Who is logged on, and (for a portal session) the CSRF token state-changing calls must send.
struct SessionInfo: Encodable {
    let user: APIUser
    let csrfToken: String?
    let authenticatedBy: String

    init(_ identity: Identity) {
        self.user = APIUser(identity.user)
        switch identity.method {
        case .session(_, let csrf):
            self.csrfToken = csrf
            self.authenticatedBy = "session"
        case .token, .cluster, .pass: // cluster and pass identities never reach the API (/s/ only)
            self.csrfToken = nil
            self.authenticatedBy = "token"
        }
    }

    static let schema: JSONValue = .objectSchema([
        "user": .ref("User"), "csrfToken": .stringSchema,
        "authenticatedBy": ["type": "string", "enum": ["session", "token"]],
    ], optional: ["csrfToken"])
}
