import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import NIOSSL
import ServiceLifecycle
import Sessions

/// A real gateway from `buildApplication`, serving HTTPS on a free loopback port with its
/// self-signed certificate, until ``stop()``.
final class RunningGateway: @unchecked Sendable {
    let directory: TestDirectory
    let app: AtriumApplication
    let port: Int
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let failure = EndToEndTests.FailureBox()

    var base: String { "https://127.0.0.1:\(port)" }

    /// `configure` may set `httpsPort` to 0 (``port`` is then the one the application chose);
    /// `observingProxy` hears the proxy's activity events (``buildApplication(_:identity:observingProxy:)``).
    init(configure: (inout GatewayConfiguration) -> Void = { _ in },
         observingProxy: (@Sendable (String, ProxyActivity) -> Void)? = nil) async throws {
        directory = try TestDirectory()
        var configuration = GatewayConfiguration(dataDirectory: directory.path, httpsPort: try TestDirectory.freePort(), httpRedirectPort: nil,
                                                 logLevel: .warning, initialAdminPassword: TestGateway.adminPassword, bcryptCost: 4)
        configure(&configuration)
        app = try await buildApplication(configuration, observingProxy: observingProxy)
        port = app.atrium.configuration.httpsPort
        group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        let group = self.group, failure = self.failure
        running = Task {
            do { try await group.run() } catch {
                failure.error.withLock { $0 = error }
                throw error
            }
        }
        // Wait until it answers (or report why it could not start).
        var trusting = TLSConfiguration.makeClientConfiguration()
        let certificate = configuration.tlsCertificatePath ?? SelfSignedCertificate.paths(dataDirectory: directory.path).certificate
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        let client = HTTPClient(configuration: .init(tlsConfiguration: trusting))
        do {
            _ = try await EndToEndTests.retrying {
                if let error = failure.error.withLock({ $0 }) { throw error }
                return try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/healthz"), timeout: .seconds(5))
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        directory.remove()
    }
}
