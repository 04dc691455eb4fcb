import Catalog
import Hummingbird
import HTTPTypes
import NIOCore
import Sessions

/// Prepares a browser's WebSocket for the session before the 101: the user's limits, the count
/// against their `webSockets` quota, the session's side dialled (its Unix socket with the proxy
/// secret, or for a session of another node that node's `/s/{session}/…` over TLS with the
/// cluster secret) and its 101 read. The ``ProxiedSocket`` it answers is then glued to the
/// browser's channel by the listener, and bytes pass at the channel level (no task per socket).
///
/// An upgrade past the `webSockets` quota is answered 429 before this; one that raced another for
/// the last socket is closed at once with 1008 naming the quota. A session that refuses or is down
/// closes the browser's socket with 1011. `socketOpened` and `socketClosed` are reported once each
/// per counted socket, whatever happens; ``ProxyConnections/closeAll(session:reason:)`` closes it
/// with 1001.
struct WebSocketBridge: Sendable {
    let directory: ProxyDirectory
    let remote: RemoteSessions
    let connections: ProxyConnections
    let catalog: Catalog
    let configuration: SessionProxyConfiguration
    let metrics: ProxyMetrics
    /// Calls other nodes (`wss://`, cluster trust).
    let cluster: SessionProxyClient

    func open(_ request: Request, context: AtriumRequestContext, route: ProxyRoute, path: ProxyPath,
              browser: any Channel) async -> ProxiedSocket {
        guard let identity = context.identity else {
            return ProxiedSocket(browser: browser, frameLimit: 0, pingInterval: nil, metrics: nil,
                                 refusal: .init(code: 1011, reason: "The session is not running."))
        }
        // A socket another node forwarded is counted by that node, where the browser is.
        let userId = identity.user.id
        let limits: (sockets: Int64?, frameBytes: Int)
        do {
            limits = try await QuotaPolicy.socketLimits(userId: userId, serverMaxFrame: configuration.maxFrameSize, catalog)
        } catch {
            return ProxiedSocket(browser: browser, frameLimit: 0, pingInterval: nil, metrics: nil,
                                 refusal: .init(code: 1011, reason: "The server cannot read your limits; try again shortly."))
        }
        let socket = ProxiedSocket(browser: browser, frameLimit: limits.frameBytes,
                                   pingInterval: configuration.pingInterval.map { TimeAmount($0) },
                                   metrics: metrics)
        let admission = connections.add(session: route.sessionId, user: identity.forwarded ? nil : userId, limit: limits.sockets) {
            [socket] reason in await socket.goAway(reason)
        }
        guard case .admitted(let id) = admission else {
            var used = 0
            if case .refused(let count) = admission { used = count }
            let exceeded = QuotaExceeded(kind: .webSockets, limit: limits.sockets ?? 0, used: Int64(used))
            return ProxiedSocket(browser: browser, frameLimit: 0, pingInterval: nil, metrics: nil,
                                 refusal: .init(code: 1008, reason: exceeded.description))
        }
        metrics.openSockets.increment()
        let reported: String? = if case .local(let target) = route { target.sessionId } else { nil }
        socket.onFinish { [connections, metrics, directory] in
            connections.remove(session: route.sessionId, id: id)
            metrics.openSockets.decrement()
            if let reported { Task { await directory.report(session: reported, .socketClosed) } }
        }
        if let reported { await directory.report(session: reported, .socketOpened) }
        let timeout = TimeAmount(configuration.connectTimeout)
        let result: Result<Void, any Error>
        switch route {
        case .local(let target):
            // The handler sees the request as it came: for one a node forwarded (its secret
            // checked), the browser's host is in the cluster header.
            let authority = identity.forwarded ? request.headers[ClusterHeaders.host] ?? request.head.authority : request.head.authority
            let headers = ProxyHeaders.upgrade(ProxyHeaders.request(request.headers, authority: authority, path: path,
                                                                    secret: target.secret, remoteAddress: context.remoteAddress))
            result = await socket.dial(.unix(path: target.socketPath), target: path.target, headers: headers, timeout: timeout)
        case .remote(let target):
            guard let secret = remote.clusterSecret, let clusterTLS = try? cluster.tlsContext() else {
                await socket.refuse(.init(code: 1011, reason: "The session's node cannot be reached."))
                return socket
            }
            let headers = ProxyHeaders.upgrade(ProxyHeaders.cluster(request.headers, authority: request.head.authority, secret: secret,
                                                                    userId: target.userId))
            result = await socket.dial(.tls(authority: target.authority, context: clusterTLS),
                                       target: path.prefix + path.rest + (path.query.map { "?" + $0 } ?? ""), headers: headers,
                                       timeout: timeout)
        }
        if case .failure(let error) = result {
            context.logger.debug("proxied socket failed", metadata: ["error.type": "\(type(of: error))", "session": "\(route.sessionId)"])
        }
        return socket
    }
}
