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
            let name = body.name.lowercased()
            if let wait = services.logonAddressLimiter.take("addr:" + context.remoteAddress) {
                throw Problem.tooManyRequests(retryAfter: wait, detail: "Too many log-on attempts from this address; try again in \(wait) s.")
            }
            if let wait = services.logonAccountLimiter.take("name:" + name) {
                throw Problem.tooManyRequests(retryAfter: wait, detail: "Too many failed log-ons for this name; try again in \(wait) s.")
            }
            guard let user = try await services.catalog.verifyPassword(name: name, password: body.password) else {
                context.logger.notice("log-on refused", metadata: ["user": "\(name.prefix(64))", "address": "\(context.remoteAddress)"])
                throw Problem.unauthorized("The name or password is wrong, or the account is disabled.")
            }
            services.logonAccountLimiter.reset("name:" + name)
            let created = try await services.catalog.createWebSession(userId: user.id, lifetime: services.sessionLifetime)
            let identity = Identity(user: user, method: .session(secret: created.secret, csrf: created.session.csrf))
            var response = try Response.json(SessionInfo(identity))
            response.setCookie(SessionCookie.set(created.secret, maxAge: Int(services.sessionLifetime)))
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
