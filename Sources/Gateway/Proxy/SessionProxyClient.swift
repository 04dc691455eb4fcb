import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The HTTP client the proxy forwards requests with: one per gateway, sharing NIO's event loops,
/// keeping a few idle connections per session, never following redirects or decompressing (the
/// browser gets what the session sent). Made on first use (a gateway that proxies nothing has
/// none), and shut down by ``run()``, the service that ends with the application.
public final class SessionProxyClient: Service, Sendable {
    let configuration: SessionProxyConfiguration
    private let client = NIOLockedValueBox<(client: HTTPClient?, shutDown: Bool)>((nil, false))

    public init(configuration: SessionProxyConfiguration) {
        self.configuration = configuration
    }

    /// The client; throws once the application is shutting down.
    func http() throws -> HTTPClient {
        try client.withLockedValue { state in
            if let made = state.client { return made }
            guard !state.shutDown else { throw HTTPClientError.alreadyShutdown }
            let made = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: Self.clientConfiguration(configuration))
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
