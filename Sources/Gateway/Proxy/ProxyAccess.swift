import Hummingbird
import Sessions

/// Who may reach a session through the proxy: only its owner, logged on (cookie) or with an API
/// token that has the scope the method needs. State-changing requests and WebSocket upgrades must
/// also come from the gateway's own origin (no cross-site request forgery, no cross-site WebSocket
/// hijacking). Every refusal that could tell whether a session exists is the same 404.
enum ProxyAccess {
    /// What the caller gets when the session is not theirs, not live, or unknown.
    static let notFound = Problem.notFound("There is no such session.")

    /// The target `request` may reach, or the problem to answer with.
    static func target(_ request: Request, context: AtriumRequestContext, path: ProxyPath, directory: ProxyDirectory,
                       upgrade: Bool) async throws -> ProxyTarget {
        guard let identity = context.identity else { throw notFound }
        let safe = !upgrade && (request.method == .get || request.method == .head)
        if case .token(_, let scopes) = identity.method {
            let needed: TokenScope = safe ? .read : .write
            guard scopes.contains(needed) || scopes.contains(.write) else {
                throw Problem.forbidden("The API token needs the \(needed.rawValue) scope.")
            }
        }
        if !safe {
            guard PortalAuthPages.sameOrigin(request) else {
                throw Problem.forbidden("The request must come from this server's own pages (Origin).")
            }
        }
        guard let target = await directory.target(session: path.session), target.ownerId == identity.user.id else {
            throw notFound
        }
        return target
    }

    /// True for an anonymous browser navigation, which is sent to the log-on page instead of a 404.
    static func isAnonymousPageLoad(_ request: Request, context: AtriumRequestContext) -> Bool {
        context.identity == nil && request.method == .get && !isUpgrade(request)
            && (request.headers[.accept]?.contains("text/html") ?? false)
    }

    /// True when `request` asks for a WebSocket.
    static func isUpgrade(_ request: Request) -> Bool {
        request.headers[.upgrade]?.lowercased() == "websocket"
    }
}
