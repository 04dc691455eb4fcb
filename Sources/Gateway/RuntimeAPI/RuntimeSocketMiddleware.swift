import Hummingbird

/// The runtimes' API socket answers session tokens only: no cookie is read (a runtime's request
/// can never act as a browser's log-on), a request without a Bearer token is a 401 before
/// anything else runs, and a token that is not session-scoped is refused, so a user's own token
/// that leaked into an app is no wider on this socket than the session's.
struct RuntimeSocketMiddleware: RouterMiddleware {
    typealias Context = AtriumRequestContext

    /// Before authentication: the request carries a token, so ``AuthenticationMiddleware`` decides
    /// by the token and never reads a cookie (it reads one only when no Authorization is sent).
    struct BeforeAuthentication: RouterMiddleware {
        typealias Context = AtriumRequestContext

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard request.headers[.authorization] != nil else {
                throw Problem.unauthorized("The runtimes' API socket needs the session's token (Authorization: Bearer $ATRIUM_TOKEN).")
            }
            return try await next(request, context)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // A data session's token (scope session) or a job's (scope job), never a user's own.
        guard case .token(_, let scopes) = context.identity?.method, scopes.count == 1, scopes.isSubset(of: TokenScope.bound) else {
            throw Problem.forbidden("The runtimes' API socket accepts session tokens only.")
        }
        return try await next(request, context)
    }
}
