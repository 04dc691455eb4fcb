import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Store

/// The one composition root, used by `atrium serve` and by the tests: opens (or on first run
/// creates) the blob store, resolves the TLS identity (configured, or self-signed in the data
/// directory), builds the router and the HTTPS server (TLS 1.2+), and adds the plain-HTTP server
/// that only redirects as an extra service of the application's service group.
public func buildApplication(_ configuration: GatewayConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "atrium.gateway")
    logger.logLevel = configuration.logLevel

    _ = try openStore(at: configuration.storePath, logger: logger)
    let identity = try TLSIdentity.resolve(configuration)
    if identity.created {
        logger.notice("made a self-signed certificate", metadata: ["path": "\(identity.certificatePath)", "sha256": "\(identity.fingerprint)"])
    }
    let router = buildRouter(configuration, metrics: GatewayMetrics(), logger: logger)
    var app = Application(
        router: router,
        server: try .tls(.http1(), tlsConfiguration: identity.serverConfiguration()),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.httpsPort), serverName: nil),
        logger: logger
    )
    if let redirectPort = configuration.httpRedirectPort {
        var redirectLogger = logger
        redirectLogger[metadataKey: "server"] = "http-redirect"
        app.addServices(Application(
            responder: RedirectResponder(fallbackHost: configuration.host, httpsPort: configuration.httpsPort),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: redirectPort), serverName: nil),
            logger: redirectLogger
        ))
    }
    return app
}

/// The gateway's router: security headers, access log, metrics and problem+json errors around
/// every route (middleware must be added before routes), then the routes.
public func buildRouter(_ configuration: GatewayConfiguration, metrics: GatewayMetrics, logger: Logger) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: AccessLogMiddleware(logger: logger))
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())
    GatewayRoutes.addOperational(to: router, readiness: ReadinessCheck(storePath: configuration.storePath), metrics: metrics)
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
