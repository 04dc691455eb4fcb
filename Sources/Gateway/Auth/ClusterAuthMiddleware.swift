import Hummingbird
import Logging

/// Takes every `X-Atrium-Cluster-*` header off an incoming request before anything else reads
/// it, and accepts the one kind of request that may carry them: another node forwarding a
/// session's traffic (`/s/…` only) with the shared cluster secret (compared in constant time;
/// with no secret configured nothing is accepted). Such a caller is the user the sender named
/// (unknown or disabled: 404), authenticated as ``AuthMethod/cluster(from:)``. A wrong secret is a
/// 404 and a warning (which never shows what was sent). A request without the secret header just
/// loses its other cluster headers and goes on as any other.
public struct ClusterAuthMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext
    let services: AtriumServices

    public init(services: AtriumServices) { self.services = services }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ClusterHeaders.present(in: request.headers) else { return try await next(request, context) }
        let sentSecret = request.headers[ClusterHeaders.auth]
        let sentUser = request.headers[ClusterHeaders.user]
        let sentHost = request.headers[ClusterHeaders.host]
        var request = ClusterHeaders.stripping(request)
        guard let sentSecret else { return try await next(request, context) }
        let path = request.head.path.flatMap { ProxyPath(rawTarget: $0) }
        let configured = services.configuration.clusterSecret
        guard path != nil, ClusterHeaders.accepts(sentSecret, secret: configured) else {
            context.logger.warning("refused a request that claims to come from a cluster node", metadata: [
                "remote": "\(context.remoteAddress)",
                "reason": "\(configured == nil ? "no cluster secret is configured here" : path == nil ? "not a session path" : "wrong cluster secret")",
            ])
            throw ProxyAccess.notFound
        }
        guard let userId = sentUser, !userId.isEmpty, let user = try await services.catalog.user(id: userId), !user.disabled else {
            throw ProxyAccess.notFound
        }
        if let sentHost, !sentHost.isEmpty {
            // The session's X-Forwarded-Host names what the browser asked for, not this node.
            var head = request.head
            head.authority = sentHost
            request = Request(head: head, body: request.body)
        }
        var context = context
        context.identity = Identity(user: user, method: .cluster(from: context.remoteAddress))
        return try await next(request, context)
    }
}
