import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import NIOSSL
import ServiceLifecycle
import Synchronization
import Testing

/// The real thing: `buildApplication` serving HTTPS and the HTTP redirect on loopback ports, with
/// a self-signed certificate made in a temp data directory, reached by AsyncHTTPClient that trusts
/// exactly that certificate.
@Suite struct EndToEndTests {
    @Test func httpsHealthzTLSFloorAndRedirect() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let httpsPort = try TestDirectory.freePort()
        var httpPort = try TestDirectory.freePort()
        while httpPort == httpsPort { httpPort = try TestDirectory.freePort() }
        let configuration = GatewayConfiguration(dataDirectory: dir.path, httpsPort: httpsPort, httpRedirectPort: httpPort, logLevel: .warning,
                                                 initialAdminPassword: TestGateway.adminPassword, bcryptCost: 4)
        let app = try await buildApplication(configuration)
        let certificatePath = SelfSignedCertificate.paths(dataDirectory: dir.path).certificate
        let keyPath = SelfSignedCertificate.paths(dataDirectory: dir.path).key
        let keyMode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(keyMode == 0o600)

        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        let serverFailure = FailureBox()
        let running = Task {
            do { try await group.run() } catch {
                serverFailure.error.withLock { $0 = error }
                throw error
            }
        }
        // A server that failed to start is reported as itself, not as "connection refused".
        func startedOrFailed() throws { if let error = serverFailure.error.withLock({ $0 }) { throw error } }

        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificatePath))
        let client = HTTPClient(configuration: .init(tlsConfiguration: trusting, redirectConfiguration: .disallow))
        var old = trusting
        old.maximumTLSVersion = .tlsv11
        let oldClient = HTTPClient(configuration: .init(tlsConfiguration: old, redirectConfiguration: .disallow))
        do {
            // HTTPS, certificate verified against exactly the generated one (hostname 127.0.0.1 is in its SANs).
            let health = try await Self.retrying { try startedOrFailed(); return try await client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(httpsPort)/healthz"), timeout: .seconds(5)) }
            #expect(health.status == .ok)
            #expect(String(buffer: try await health.body.collect(upTo: 1024)) == "ok")
            #expect(health.headers.first(name: "Strict-Transport-Security") == "max-age=31536000")

            // TLS 1.1 is refused by the server (a protocol_version alert). The client retries a failed
            // connection until the deadline, then reports the last handshake error.
            do {
                _ = try await oldClient.execute(HTTPClientRequest(url: "https://127.0.0.1:\(httpsPort)/healthz"), timeout: .seconds(1))
                Issue.record("TLS 1.1 was accepted")
            } catch {
                #expect(String(reflecting: error).contains("PROTOCOL_VERSION"), "\(String(reflecting: error))")
            }

            // Plain HTTP answers 308 to https with the same path and query.
            let redirect = try await Self.retrying {
                try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(httpPort)/some/path?x=1&y=two"), timeout: .seconds(5))
            }
            #expect(redirect.status == .permanentRedirect)
            #expect(redirect.headers.first(name: "Location") == "https://127.0.0.1:\(httpsPort)/some/path?x=1&y=two")
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await oldClient.shutdown()
        await group.triggerGracefulShutdown()
        try await running.value
    }

    /// Where the server task leaves the error it stopped with.
    final class FailureBox: Sendable {
        let error = Mutex<(any Error)?>(nil)
    }

    /// Retries while the server is still starting (connection refused), for up to 60 s: under the
    /// full suite (catalog tests share the NIO singletons) the listener was seen to take over 10 s.
    static func retrying<T>(_ body: () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            do { return try await body() } catch {
                if ContinuousClock.now > deadline { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
