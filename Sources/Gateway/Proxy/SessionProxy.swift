import Hummingbird
import HummingbirdWebSocket
import Sessions

/// The `/s/{session}/…` proxy (DESIGN §4): HTTP requests and WebSockets of a session's owner go to
/// the session process the ``ProxyDirectory`` names, with the prefix stripped, the secret added
/// and the caller's credentials removed (docs/runtime.md).
struct SessionProxy: Sendable {
    let directory: ProxyDirectory
    let forwarder: HTTPForwarder
    let bridge: WebSocketBridge
    let metrics: ProxyMetrics

    init(services: AtriumServices, metrics: GatewayMetrics) {
        let proxyMetrics = ProxyMetrics(metrics)
        directory = services.proxyDirectory
        forwarder = HTTPForwarder(client: services.proxyClient)
        bridge = WebSocketBridge(directory: services.proxyDirectory, connections: services.proxyConnections,
                                 configuration: services.configuration.proxy, metrics: proxyMetrics)
        self.metrics = proxyMetrics
    }

    /// Any HTTP request under `/s/`.
    func http(_ request: Request, context: AtriumRequestContext) async throws -> Response {
        guard let path = ProxyPath(rawTarget: request.head.path ?? "") else { throw ProxyAccess.notFound }
        if path.rest.isEmpty {
            // The session's pages use relative links, which need the trailing slash.
            return Response(status: .permanentRedirect, headers: [.location: path.prefix + "/" + (path.query.map { "?" + $0 } ?? "")])
        }
        if ProxyAccess.isAnonymousPageLoad(request, context: context) {
            return Response(status: .seeOther, headers: [.location: "/logon"])
        }
        let upgrade = ProxyAccess.isUpgrade(request)
        let target = try await ProxyAccess.target(request, context: context, path: path, directory: directory, upgrade: upgrade)
        if upgrade {
            // The WebSocket router took it to be no upgrade (for instance, a handshake header is missing).
            throw Problem.badRequest("The WebSocket handshake is incomplete.")
        }
        metrics.requests.increment()
        await directory.report(session: target.sessionId, .request)
        return try await forwarder.forward(request, context: context, path: path, target: target)
    }

    /// Whether a WebSocket upgrade under `/s/` may go ahead: the same checks as HTTP, before the
    /// handshake. HummingbirdWebSocket answers any refusal (thrown) with a bare 400 and closes.
    func shouldUpgrade(_ request: Request, context: AtriumRequestContext) async throws -> RouterShouldUpgrade {
        guard let path = ProxyPath(rawTarget: request.head.path ?? ""), !path.rest.isEmpty else { return .dontUpgrade }
        _ = try await ProxyAccess.target(request, context: context, path: path, directory: directory, upgrade: true)
        return .upgrade([:])
    }

    /// Adds the HTTP routes (every method, with and without a path after the session).
    func addRoutes(to router: Router<AtriumRequestContext>) {
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        for path in ["/s/{session}", "/s/{session}/**"] {
            for method in methods {
                router.on(RouterPath(path), method: method) { request, context in try await http(request, context: context) }
            }
        }
    }

    /// Adds the WebSocket upgrade routes to the router the HTTPS server asks about upgrades.
    func addWebSocketRoutes(to router: Router<AtriumRequestContext>) {
        for path in ["/s/{session}", "/s/{session}/**"] {
            router.ws(RouterPath(path), shouldUpgrade: { request, context in try await shouldUpgrade(request, context: context) }) {
                inbound, outbound, context in
                await bridge.run(browserIn: inbound, browserOut: outbound, request: context.request, context: context.requestContext)
            }
        }
    }
}
