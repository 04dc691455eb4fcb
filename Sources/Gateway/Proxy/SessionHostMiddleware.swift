import Hummingbird

/// Sorts requests by the host they came to (``SessionHosts``): on a session's host only that
/// session's `/s/<session>/…` and the ticket's way in (``SessionEntry/path``) exist, everything
/// else (the API, the portal, other sessions, the operational routes) is a 404 there. It runs
/// after ``ClusterAuthMiddleware``, which puts back the host the browser asked a node for.
public struct SessionHostMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext
    let hosts: SessionHosts

    public init(hosts: SessionHosts) { self.hosts = hosts }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard case .session(let session) = hosts.place(ofAuthority: request.head.authority) else {
            return try await next(request, context)
        }
        let target = request.head.path ?? ""
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard !session.isEmpty, path == SessionEntry.path || ProxyPath(rawTarget: target)?.session == session else {
            throw Problem.notFound("A session's host serves that session's pages only.")
        }
        var context = context
        context.sessionHost = session
        return try await next(request, context)
    }
}
