import Hummingbird
import Logging
import Sessions

/// Who may reach a session through the proxy: only its owner, logged on (cookie) or with an API
/// token that has the scope the method needs. State-changing requests and WebSocket upgrades must
/// also come from the gateway's own origin (no cross-site request forgery, no cross-site WebSocket
/// hijacking). Every refusal that could tell whether a session exists is the same 404. A session
/// of another node is reached through that node (``RemoteSessions``).
enum ProxyAccess {
    /// What the caller gets when the session is not theirs, not live, or unknown.
    static let notFound = Problem.notFound("There is no such session.")

    /// Where `request` may go, or the problem to answer with: this node's session if it runs
    /// here, else (for a caller this node authenticated) the node that runs it.
    static func route(_ request: Request, context: AtriumRequestContext, path: ProxyPath, directory: ProxyDirectory,
                      remote: RemoteSessions, upgrade: Bool) async throws -> ProxyRoute {
        guard let identity = context.identity else { throw notFound }
        let safe = !upgrade && (request.method == .get || request.method == .head)
        if case .token(_, let scopes) = identity.method {
            let needed: TokenScope = safe ? .read : .write
            guard scopes.contains(needed) || scopes.contains(.write) else {
                throw Problem.forbidden("The API token needs the \(needed.rawValue) scope.")
            }
        }
        // A forwarded request's Origin was checked by the node the browser called.
        if !safe, !identity.forwarded {
            guard PortalAuthPages.sameOrigin(request) else {
                throw Problem.forbidden("The request must come from this server's own pages (Origin).")
            }
        }
        return try await locate(path: path, identity: identity, directory: directory, remote: remote, logger: context.logger)
    }

    /// The live route to `path`'s session for `identity`, without the method checks (the
    /// WebSocket bridge looks again once the upgrade is done). A request another node forwarded
    /// is never forwarded again.
    static func locate(path: ProxyPath, identity: Identity, directory: ProxyDirectory, remote: RemoteSessions,
                       logger: Logger) async throws -> ProxyRoute {
        if let target = await directory.target(session: path.session) {
            guard target.ownerId == identity.user.id else { throw notFound }
            return .local(target)
        }
        guard !identity.forwarded else { throw notFound }
        return .remote(try await remote.locate(session: path.session, userId: identity.user.id, logger: logger))
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
