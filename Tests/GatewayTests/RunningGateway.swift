import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import NIOCore
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
    let failure: EndToEndTests.FailureBox

    var base: String { "https://127.0.0.1:\(port)" }

    /// `configure` may set `httpsPort` to 0 (``port`` is then the one the application chose);
    /// `observingProxy` hears the proxy's activity events (``buildApplication(_:identity:observingProxy:)``).
    ///
    /// A port that was free when chosen can be taken before the gateway binds it (by another
    /// suite's server, running alongside): the gateway is then built again on another port, up to
    /// five times. Any other failure to start is thrown at once.
    init(configure: (inout GatewayConfiguration) -> Void = { _ in },
         observingProxy: (@Sendable (String, ProxyActivity) -> Void)? = nil) async throws {
        var attempt = 1
        while true {
            do {
                let started = try await Self.start(configure: configure, observingProxy: observingProxy)
                (directory, app, port, group, running, failure) = started
                return
            } catch let error as IOError where error.errnoCode == EADDRINUSE && attempt < 5 {
                attempt += 1
            }
        }
    }

    private static func start(configure: (inout GatewayConfiguration) -> Void,
                              observingProxy: (@Sendable (String, ProxyActivity) -> Void)?) async throws
        -> (TestDirectory, AtriumApplication, Int, ServiceGroup, Task<Void, any Error>, EndToEndTests.FailureBox) {
        let directory = try TestDirectory()
        var configuration = GatewayConfiguration(dataDirectory: directory.path, httpsPort: try TestDirectory.freePort(), httpRedirectPort: nil,
                                                 logLevel: .warning, initialAdminPassword: TestGateway.adminPassword, bcryptCost: 4)
        configure(&configuration)
        let app: AtriumApplication
        do { app = try await buildApplication(configuration, observingProxy: observingProxy) } catch {
            directory.remove()
            throw error
        }
        let port = app.atrium.configuration.httpsPort
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        let failure = EndToEndTests.FailureBox()
        let running = Task {
            do { try await group.run() } catch {
                failure.error.withLock { $0 = error }
                throw error
            }
        }
        // Wait until it answers, or throw why it could not start.
        var trusting = TLSConfiguration.makeClientConfiguration()
        let certificate = configuration.tlsCertificatePath ?? SelfSignedCertificate.paths(dataDirectory: directory.path).certificate
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        let client = HTTPClient(configuration: .init(tlsConfiguration: trusting))
        do {
            let deadline = ContinuousClock.now + .seconds(60)
            while true {
                if let error = failure.error.withLock({ $0 }) { throw error }
                do {
                    _ = try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(port)/healthz"), timeout: .seconds(5))
                    break
                } catch {
                    if ContinuousClock.now > deadline { throw error }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        } catch {
            try? await client.shutdown()
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            directory.remove()
            throw error
        }
        try await client.shutdown()
        return (directory, app, port, group, running, failure)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        directory.remove()
    }
}
