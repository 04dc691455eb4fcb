import Hummingbird
import Sessions

/// The `/s/{session}/…` proxy (DESIGN §4): HTTP requests and WebSockets of a session's owner go to
/// the session process the ``ProxyDirectory`` names, with the prefix stripped, the secret added
/// and the caller's credentials removed (docs/runtime.md); a session of another node is reached
/// through that node over HTTPS (``RemoteSessions``). Only on the session's own host
/// (``SessionHosts``): the portal's host hands the browser over (``SessionEntry``).
struct SessionProxy: Sendable {
    let services: AtriumServices
    let directory: ProxyDirectory
    let remote: RemoteSessions
    let forwarder: HTTPForwarder
    let bridge: WebSocketBridge
    let metrics: ProxyMetrics

    init(services: AtriumServices, metrics: GatewayMetrics) {
        let proxyMetrics = ProxyMetrics(metrics)
        self.services = services
        directory = services.proxyDirectory
        remote = RemoteSessions(catalog: services.catalog, localNode: services.configuration.nodeName,
                                clusterSecret: services.configuration.clusterSecret,
                                nodeAddress: { [services] node in try await services.nodeAddress(node) })
        forwarder = HTTPForwarder(client: services.proxyClient, cluster: services.clusterClient,
                                  clusterSecret: services.configuration.clusterSecret)
        bridge = WebSocketBridge(directory: services.proxyDirectory, remote: remote, connections: services.proxyConnections,
                                 catalog: services.catalog, configuration: services.configuration.proxy, metrics: proxyMetrics, cluster: services.clusterClient)
        self.metrics = proxyMetrics
    }

    /// Any HTTP request under `/s/`.
    func http(_ request: Request, context: AtriumRequestContext) async throws -> Response {
        guard let path = ProxyPath(rawTarget: request.head.path ?? "") else { throw ProxyAccess.notFound }
        if path.rest.isEmpty {
            // The session's pages use relative links, which need the trailing slash.
            return Response(status: .permanentRedirect, headers: [.location: path.prefix + "/" + (path.query.map { "?" + $0 } ?? "")])
        }
        let onSessionHost = context.sessionHost != nil
        let portal = onSessionHost ? services.configuration.browserURL : "/"
        if ProxyAccess.isAnonymousPageLoad(request, context: context) {
            // On the session's host (no pass, or a stale one): through the portal, which makes a
            // new ticket for a logged-on owner and else asks to log on.
            let location = onSessionHost ? portal + "s/" + path.session + path.target : "/logon"
            return Response(status: .seeOther, headers: [.location: location])
        }
        let upgrade = ProxyAccess.isUpgrade(request)
        let route: ProxyRoute
        do {
            route = try await ProxyAccess.route(request, context: context, path: path, directory: directory, remote: remote, upgrade: upgrade)
        } catch let problem as Problem where SessionGonePage.wanted(by: request) {
            guard let page = SessionGonePage.response(for: problem, portal: portal) else { throw problem }
            return page
        }
        if upgrade {
            // The WebSocket router took it to be no upgrade (for instance, a handshake header is missing).
            throw Problem.badRequest("The WebSocket handshake is incomplete.")
        }
        guard onSessionHost else {
            return try await SessionEntry.handOver(request, context: context, path: path, services: services)
        }
        metrics.requests.increment()
        if case .local(let target) = route { await directory.report(session: target.sessionId, .request) }
        return try await forwarder.forward(request, context: context, path: path, route: route)
    }

    /// Whether a WebSocket upgrade under `/s/` may go ahead, and where to: the same checks as
    /// HTTP, before the handshake, and only on the session's own host (never the portal's). A
    /// refusal is thrown: the listener answers a bare 400, or for a user at their `webSockets`
    /// quota the 429 that names it; nil when the path is no upgrade's.
    func authorise(_ request: Request, context: AtriumRequestContext) async throws -> (route: ProxyRoute, path: ProxyPath)? {
        guard let path = ProxyPath(rawTarget: request.head.path ?? ""), !path.rest.isEmpty else { return nil }
        // Never on the portal's host: a session's socket is its own host's.
        guard context.sessionHost != nil else { throw ProxyAccess.notFound }
        let route = try await ProxyAccess.route(request, context: context, path: path, directory: directory, remote: remote, upgrade: true)
        try await requireSocketRoom(context)
        return (route, path)
    }

    /// 429 when the caller holds their quota of proxied sockets on this node (a socket another
    /// node forwarded is counted there).
    private func requireSocketRoom(_ context: AtriumRequestContext) async throws {
        guard let identity = context.identity, !identity.forwarded else { return }
        try await QuotaPolicy.requireSocketRoom(userId: identity.user.id, open: bridge.connections.count(user: identity.user.id),
                                                bridge.catalog)
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

    /// Adds the WebSocket upgrade routes to the router the HTTPS listener asks about upgrades: an
    /// authorised upgrade gets its socket prepared (the session dialled) and left in the request
    /// context for the listener to glue (``ProxyUpgradeSlot``); 200 says so, 405 that the
    /// request is not upgraded.
    func addWebSocketRoutes(to router: Router<AtriumRequestContext>) {
        for path in ["/s/{session}", "/s/{session}/**"] {
            router.get(RouterPath(path)) { request, context -> Response in
                guard let slot = context.proxyUpgrade else { return Response(status: .methodNotAllowed) }
                let authorised: (route: ProxyRoute, path: ProxyPath)?
                do {
                    authorised = try await authorise(request, context: context)
                } catch let problem as Problem where problem.status == 429 {
                    // At the `webSockets` quota: answered with the 429 that names it, not upgraded.
                    slot.answer(problem)
                    return Response(status: .methodNotAllowed)
                }
                guard let authorised else { return Response(status: .methodNotAllowed) }
                slot.fill(await bridge.open(request, context: context, route: authorised.route, path: authorised.path,
                                            browser: slot.channel))
                return Response(status: .ok)
            }
        }
    }
}
