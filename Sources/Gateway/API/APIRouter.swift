import Catalog
import Foundation
import HTTPTypes
import Hummingbird

/// Registers API routes on the gateway's router. Each handler runs only after its route's
/// ``Access`` is checked: anonymous callers of a protected route get 401, callers without the
/// role 403, API tokens need the `read` scope for GET/HEAD, `write` for anything else and also
/// `admin` on admin routes, and a portal session must echo its CSRF token in `X-CSRF-Token` on
/// every state-changing call; a portal session of a user who must choose a new password may
/// only do that (or ask who they are, or log off).
public struct APIRouter {
    public typealias Handler = @Sendable (Request, AtriumRequestContext) async throws -> Response
    public let router: Router<AtriumRequestContext>
    public let table: RouteTable
    public let services: AtriumServices

    /// Also adds ``MethodNotAllowedMiddleware`` to `router`, so that it wraps the API's routes.
    public init(router: Router<AtriumRequestContext>, table: RouteTable, services: AtriumServices) {
        self.router = router
        self.table = table
        self.services = services
        router.add(middleware: MethodNotAllowedMiddleware(table: table))
    }

    /// Adds `route` with `handler`. Before the handler runs, the caller's access is checked, then
    /// every parameter against its rule (path values percent-decoded first).
    public func add(_ route: APIRoute, fromSessions: Bool = false, _ handler: @escaping Handler) {
        var route = route
        route.sessionCallable = fromSessions
        table.add(route)
        let parameters = route.allParameters
        router.on(RouterPath(route.routerPath), method: route.method) { [route] request, context in
            try Self.authorize(route, request: request, context: context)
            var context = context
            context.coreContext.parameters = Self.decoded(context.parameters)
            for parameter in parameters { try parameter.check(request, parameters: context.parameters) }
            return try await handler(request, context)
        }
    }

    /// Path parameters with their percent-encoding undone (a value that is not valid
    /// percent-encoding stays as sent, and its rule or lookup refuses it).
    static func decoded(_ parameters: Parameters) -> Parameters {
        Parameters(parameters.map { element in
            (key: element.key, value: element.value.contains("%") ? (element.value.removingPercentEncoding.map { Substring($0) } ?? element.value) : element.value)
        })
    }

    /// Adds a component schema to the OpenAPI document.
    public func schema(_ name: String, _ schema: JSONValue) {
        table.addSchema(name, schema)
    }

    /// What a portal session of a user who must choose a new password (the first-run admin's
    /// one-time password) may call: who am I, change the password, log off.
    static let beforePasswordChange: Set<String> = ["me", "changeOwnPassword", "logOff"]

    static func authorize(_ route: APIRoute, request: Request, context: AtriumRequestContext) throws {
        guard route.access != .anonymous else { return }
        guard let identity = context.identity else { throw Problem.unauthorized() }
        guard route.access.admits(identity.user.role) else {
            throw Problem.forbidden("This needs the \(route.access.rawValue) role.")
        }
        switch identity.method {
        case .token(_, let scopes) where scopes.contains(.session):
            guard route.sessionCallable else {
                throw Problem.forbidden("A session's token may only load and save cases and submit jobs.")
            }
        case .token(_, let scopes) where scopes.contains(.job):
            // What it may read of those routes: its input version only (TokenReach).
            guard route.sessionCallable, route.isSafe else {
                throw Problem.forbidden("A job's token may only read the job's input.")
            }
        case .token(_, let scopes):
            let needed: TokenScope = route.isSafe ? .read : .write
            guard scopes.contains(needed) || (needed == .read && scopes.contains(.write)) else {
                throw Problem.forbidden("The API token lacks the '\(needed.rawValue)' scope.")
            }
            if route.access == .admin, !scopes.contains(.admin) {
                throw Problem.forbidden("The API token lacks the 'admin' scope.")
            }
        case .cluster, .pass:
            throw Problem.notFound("There is no such resource.")
        case .session(_, let csrf):
            if identity.user.mustChangePassword, !beforePasswordChange.contains(route.operationId) {
                throw Problem.forbidden("Choose a new password first (PUT /api/v1/me/password, or log on in the portal).")
            }
            if !route.isSafe, !route.csrfExempt {
                guard let sent = request.headers[.csrfToken], constantTimeEqual(sent, csrf) else {
                    throw Problem.forbidden("The X-CSRF-Token header is missing or wrong; reload the page.")
                }
            }
        }
    }
}

extension HTTPField.Name {
    /// The header a portal page echoes its CSRF token in.
    public static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}

/// Compares secrets without stopping at the first differing byte.
public func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for index in x.indices { difference |= x[index] ^ y[index] }
    return difference == 0
}
