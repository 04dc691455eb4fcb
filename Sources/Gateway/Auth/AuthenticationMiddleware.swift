import Catalog
import Foundation
import Hummingbird

/// Works out who is calling: an `Authorization: Bearer atr_…` API token, or the portal's log-on
/// cookie on the portal's host, or a session's pass cookie on that session's own host
/// (``SessionHostMiddleware`` runs first; neither cookie is read on the other's host). A bad or expired token is a 401 at once (a client that sends one wants to know);
/// a stale cookie just means anonymous. Then the per-client request limit applies (429 with
/// `Retry-After`). Access rules themselves are enforced per route by ``APIRouter``.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext
    let services: AtriumServices

    public init(services: AtriumServices) { self.services = services }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if context.identity != nil {
            // Another node forwarded the request for this user (ClusterAuthMiddleware).
        } else if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                throw Problem.unauthorized("Only Bearer tokens are accepted in Authorization.")
            }
            let secret = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            let catalog = services.catalog
            guard let auth = try await services.tokenCache.authenticate(secret, lookup: { try await catalog.authenticate(token: $0) }) else {
                throw Problem.unauthorized("The API token is unknown, expired or revoked.")
            }
            let scopes = Set(auth.scopes.compactMap(TokenScope.init(rawValue:)))
            context.identity = Identity(user: auth.user, method: .token(id: auth.tokenId, scopes: scopes), binding: auth.binding)
        } else if let session = context.sessionHost {
            if let pass = request.cookies[SessionPassCookie.name]?.value, !pass.isEmpty,
               let user = try await services.catalog.sessionPassUser(pass, sessionId: session) {
                context.identity = Identity(user: user, method: .pass(session: session))
            }
        } else if let secret = request.cookies[SessionCookie.name]?.value, !secret.isEmpty,
                  let session = try await services.catalog.webSession(secret: secret) {
            context.identity = Identity(user: session.user, method: .session(secret: secret, csrf: session.csrf))
        }
        let key = context.identity?.rateKey ?? "addr:" + context.remoteAddress
        if let wait = services.requestLimiter.take(key) {
            throw Problem.tooManyRequests(retryAfter: wait)
        }
        return try await next(request, context)
    }
}
