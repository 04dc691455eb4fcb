import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// The HTTP client the proxy forwards requests with: one per gateway, sharing NIO's event loops,
/// keeping a few idle connections per session, never following redirects or decompressing (the
/// browser gets what the session sent). Made on first use (a gateway that proxies nothing has
/// none), and shut down by ``run()``, the service that ends with the application.
///
/// The cluster's client (`trustRootsFile` set) calls other nodes over HTTPS only, trusting just
/// the certificates in that PEM file, with full certificate and host name verification.
public final class SessionProxyClient: Service, Sendable {
    let configuration: SessionProxyConfiguration
    /// PEM file of the certificates a cluster client trusts; nil for the loopback client.
    let trustRootsFile: String?
    private let client = NIOLockedValueBox<(client: HTTPClient?, shutDown: Bool)>((nil, false))
    private let loadedTLS = NIOLockedValueBox<TLSConfiguration?>(nil)
    private let loadedContext = NIOLockedValueBox<NIOSSLContext?>(nil)

    public init(configuration: SessionProxyConfiguration, trustRootsFile: String? = nil) {
        self.configuration = configuration
        self.trustRootsFile = trustRootsFile
    }

    /// The TLS configuration of calls to other nodes (nil for the loopback client): TLS 1.2+,
    /// trusting only ``trustRootsFile``'s certificates, full verification. Read once.
    func tls() throws -> TLSConfiguration? {
        guard let trustRootsFile else { return nil }
        return try loadedTLS.withLockedValue { loaded in
            if let loaded { return loaded }
            let roots = try NIOSSLCertificate.fromPEMFile(trustRootsFile)
            guard !roots.isEmpty else { throw ConfigurationError(source: trustRootsFile, reason: "no certificate in the cluster CA file") }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv12
            tls.trustRoots = .certificates(roots)
            tls.certificateVerification = .fullVerification
            loaded = tls
            return tls
        }
    }

    /// A TLS context made from ``tls()`` once and shared by every socket proxied to another node
    /// (making one per socket would load the trust roots each time); nil for the loopback client.
    func tlsContext() throws -> NIOSSLContext? {
        guard let tls = try tls() else { return nil }
        return try loadedContext.withLockedValue { loaded in
            if let loaded { return loaded }
            let context = try NIOSSLContext(configuration: tls)
            loaded = context
            return context
        }
    }

    /// The client; throws once the application is shutting down.
    func http() throws -> HTTPClient {
        try client.withLockedValue { state in
            if let made = state.client { return made }
            guard !state.shutDown else { throw HTTPClientError.alreadyShutdown }
            var settings = Self.clientConfiguration(configuration)
            settings.tlsConfiguration = try tls()
            let made = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: settings)
            state.client = made
            return made
        }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        let made = client.withLockedValue { state in
            state.shutDown = true
            return state.client
        }
        try await made?.shutdown()
    }

    static func clientConfiguration(_ configuration: SessionProxyConfiguration) -> HTTPClient.Configuration {
        var client = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .nanoseconds(configuration.connectTimeout.nanoseconds), read: nil),
            decompression: .disabled
        )
        client.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = configuration.connectionsPerSession
        client.connectionPool.idleTimeout = .seconds(30)
        // A session that is down is down: fail at once (502) instead of retrying until the deadline.
        client.connectionPool.retryConnectionEstablishment = false
        client.httpVersion = .http1Only
        return client
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
