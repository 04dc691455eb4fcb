import Catalog
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Sessions
import Store

/// The one composition root, used by `atrium serve` and by the tests: opens (or on first run
/// creates) the blob store, the platform app keys and the catalog (making the first admin), takes
/// the TLS identity (`identity`, or resolved here when nil: configured, or self-signed in the data
/// directory), builds the router with every route, and the HTTPS server (TLS 1.2+, accepting the
/// session proxy's WebSocket upgrades), plus the plain-HTTP server that only redirects, the
/// catalog's closer, the proxy's HTTP client and the scheduled store gc as services of the
/// application's service group. Every part is made once, with everything it needs: a configured
/// HTTPS port of 0 is first resolved to a free port (``PortReservation``), so the runtimes' API
/// URL and the advertised cluster address are known before anything is built.
/// `observingProxy`, when given, hears every proxy activity event (tests record them).
public func buildApplication(_ configuration: GatewayConfiguration, identity given: TLSIdentity? = nil,
                             observingProxy: (@Sendable (_ session: String, ProxyActivity) -> Void)? = nil)
    async throws -> AtriumApplication {
    var logger = Logger(label: "atrium.gateway")
    logger.logLevel = configuration.logLevel
    let reservation = configuration.httpsPort == 0 ? try PortReservation(host: configuration.host) : nil
    var configuration = configuration
    if let reservation { configuration.httpsPort = reservation.port }

    try DataDirectory.prepare(configuration.dataDirectory, logger: logger)
    let blobs = try openStore(at: configuration.storePath, logger: logger)
    let appKeys = try PlatformAppKeys.loadOrCreate(directory: configuration.keysDirectory, logger: logger)
    // Where every blocking call runs (bcrypt, SQLite, store and file I/O, probes), in lanes.
    let executor = BlockingExecutor(limits: BlockingLimits(transfersPerHolder: configuration.connections.transfersPerUser))
    let catalog: Catalog
    do {
        catalog = try await Catalog.open(configuration.catalogConfiguration, executor: executor, logger: logger)
    } catch {
        await executor.shutdown()
        throw error
    }
    let initialPassword: String?
    do {
        initialPassword = try await FirstRun.ensureAdmin(catalog, configuration: configuration, logger: logger)
    } catch {
        await catalog.close()
        await executor.shutdown()
        throw error
    }
    let identity: TLSIdentity
    let cases: CaseStore
    let sessions: SessionServices
    // Sessions and jobs tell these two at once when a token is revoked or a proxy route goes away.
    let tokenCache = TokenCache(ttl: 5)
    let connections = ProxyConnections()
    let hooks = SessionHooks(routeRemoved: { session in Task { await connections.closeAll(session: session) } },
                             tokenRevoked: { tokenId in tokenCache.invalidate(tokenId: tokenId) })
    do {
        identity = try given ?? TLSIdentity.resolve(configuration)
        let scratch = configuration.dataDirectory + "/scratch"
        try OwnerOnly.makeDirectories(scratch)
        // Saves spool into private directories under `scratch` (local disk, never the share).
        cases = CaseStore(blobs: blobs, scratchDirectory: scratch)
        sessions = try await makeSessionServices(configuration, catalog: catalog, blobs: blobs, appKeys: appKeys,
                                           executor: executor, hooks: hooks,
                                           observingProxy: observingProxy, logger: logger)
    } catch {
        await catalog.close()
        await executor.shutdown()
        throw error
    }
    if identity.created {
        logger.notice("made a self-signed certificate", metadata: ["path": "\(identity.certificatePath)", "sha256": "\(identity.fingerprint)"])
    }
    var gcLogger = logger
    gcLogger[metadataKey: "part"] = "store-gc"
    let storeCollector = StoreCollector(catalog: catalog, blobs: blobs, grace: TimeInterval(configuration.gcGraceSeconds),
                                        cluster: sessions.clusterState, node: configuration.nodeName, executor: executor,
                                        logger: gcLogger)
    let services = AtriumServices(configuration: configuration, catalog: catalog, blobs: blobs, appKeys: appKeys, cases: cases,
                                  sessions: sessions, storeCollector: storeCollector, tokenCache: tokenCache,
                                  proxyConnections: connections, executor: executor, logger: logger)
    if configuration.clusterSecret != nil {
        // A node that forwards must trust something: fail at start, not on the first forwarded request.
        do { _ = try services.clusterClient.tls() } catch {
            await catalog.close()
            await executor.shutdown()
            throw ConfigurationError(source: "clusterCAFile (ATRIUM_CLUSTER_CA)",
                                     reason: "cannot read certificates from \(configuration.clusterTrustFile): \(error)")
        }
    }
    let table = RouteTable()
    let metrics = GatewayMetrics()
    let router = buildRouter(services, table: table, metrics: metrics)
    // Every listener closes idle connections and clients that do not do their part (ConnectionSettings).
    let timeouts = configuration.connections
    var app = Application(
        router: router,
        server: .guardedHTTPS(webSocketRouter: buildWebSocketRouter(services, metrics: metrics),
                              tls: try identity.serverConfiguration(), settings: timeouts),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.httpsPort), serverName: nil),
        // The server listens on the reserved port now: the reservation's socket can go.
        onServerRunning: { _ in reservation?.release() },
        logger: logger
    )
    if let redirectPort = configuration.httpRedirectPort {
        var redirectLogger = logger
        redirectLogger[metadataKey: "server"] = "http-redirect"
        app.addServices(Application(
            responder: RedirectResponder(fallbackHost: configuration.host, httpsPort: configuration.httpsPort),
            server: .guardedHTTP1(settings: timeouts),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: redirectPort), serverName: nil),
            logger: redirectLogger
        ))
    }
    let apiSocket = try RuntimeAPISocket.prepare(SessionSettings.apiSocketPath(dataDirectory: configuration.dataDirectory))
    var runtimeAPILogger = logger
    runtimeAPILogger[metadataKey: "server"] = "runtime-api"
    app.addServices(Application(
        router: buildRuntimeAPIRouter(services, metrics: metrics),
        server: .guardedHTTP1(settings: timeouts),
        configuration: ApplicationConfiguration(address: .unixDomainSocket(path: apiSocket.path), serverName: nil),
        onServerRunning: { _ in RuntimeAPISocket.open(apiSocket.path) },
        logger: runtimeAPILogger
    ))
    app.addServices(CatalogCloser(catalog: catalog, executor: executor), services.proxyClient, services.clusterClient)
    // After the closer and the proxy's client: services stop in reverse order, so sessions end
    // while the catalog is open.
    app.addServices(SessionService(sessions: sessions.manager, jobs: sessions.jobs, cluster: sessions.cluster, activity: sessions.activity))
    // Last, so it stops first: a sweep in progress ends at its next deletion while the catalog is open.
    if configuration.gcIntervalSeconds > 0 {
        app.addServices(StoreGCService(collector: storeCollector, interval: .seconds(configuration.gcIntervalSeconds)))
    }
    return AtriumApplication(inner: app, atrium: services, routes: table, initialAdminPassword: initialPassword)
}

/// The gateway's router: security headers, access log, metrics and problem+json errors around
/// every route, then the cluster headers' check (``ClusterAuthMiddleware``), then the sessions'
/// own hosts kept to their sessions (``SessionHostMiddleware``), then authentication (middleware must be added before routes), then the
/// operational routes, the REST API with its OpenAPI document, and the portal.
public func buildRouter(_ services: AtriumServices, table: RouteTable, metrics: GatewayMetrics) -> Router<AtriumRequestContext> {
    let router = Router(context: AtriumRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: AccessLogMiddleware(logger: services.logger))
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: ClusterAuthMiddleware(services: services))
    router.add(middleware: SessionHostMiddleware(hosts: services.configuration.sessionHosts))
    let catalog = services.catalog
    let readiness = ReadinessCheck(storePath: services.configuration.storePath, sandbox: services.sessions.sandbox) {
        _ = try await catalog.schemaVersion()
    }
    GatewayRoutes.addOperational(to: router, readiness: readiness, metrics: metrics)
    router.add(middleware: AuthenticationMiddleware(services: services))
    router.add(middleware: CacheInvalidationMiddleware(services: services))
    let api = APIRouter(router: router, table: table, services: services)
    APIRoutes.add(to: api)
    router.get("/api/v1/openapi.json") { _, _ in
        try Response.json(OpenAPIDocument.make(table))
    }
    PortalRoutes.add(to: router, services: services, table: table)
    SessionEntry.addRoute(to: router, services: services)
    SessionProxy(services: services, metrics: metrics).addRoutes(to: router)
    return router
}

/// The router the HTTPS server asks whether a WebSocket upgrade may go ahead: only the session
/// proxy's sockets, behind the same access log and authentication as every other request. A
/// refused upgrade is answered with a bare 400 and the connection closed (``ProxyUpgrader``).
public func buildWebSocketRouter(_ services: AtriumServices, metrics: GatewayMetrics) -> Router<AtriumRequestContext> {
    let router = Router(context: AtriumRequestContext.self)
    router.add(middleware: AccessLogMiddleware(logger: services.logger))
    router.add(middleware: ClusterAuthMiddleware(services: services))
    router.add(middleware: SessionHostMiddleware(hosts: services.configuration.sessionHosts))
    router.add(middleware: AuthenticationMiddleware(services: services))
    SessionProxy(services: services, metrics: metrics).addWebSocketRoutes(to: router)
    return router
}

/// Opens the store, creating it when the directory holds no `STORE` marker yet.
func openStore(at path: String, logger: Logger) throws -> BlobStore {
    if FileManager.default.fileExists(atPath: path + "/STORE") {
        return try BlobStore.open(at: path)
    }
    let store = try BlobStore.initialize(at: path)
    logger.notice("created the store", metadata: ["path": "\(path)"])
    return store
}

/// Runs an application until SIGTERM or SIGINT, then shuts it down gracefully (open requests
/// finish, then the servers close) through swift-service-lifecycle.
public func runUntilSignalled(_ app: some ApplicationProtocol) async throws {
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
}
