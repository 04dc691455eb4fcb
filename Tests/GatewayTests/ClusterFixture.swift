import AsyncHTTPClient
import Catalog
import Foundation
import Gateway
import Sessions
import Testing

/// Two real gateways of one cluster in this process: nodes `node-a` and `node-b`, each from
/// `buildApplication` with its own data directory, on one shared catalog (a SQLite file both open,
/// or a fresh PostgreSQL database when ATRIUM_TEST_POSTGRES_URL is set) and one shared
/// self-signed certificate (which each node also trusts for calls to the other). A stand-in
/// session (``ProxyTestBackend``) runs on node B for user `owner`, with its catalog row; the
/// browser side talks to node A, which finds B's advertised URL in the catalog.
final class ClusterFixture: ProxyCaller, @unchecked Sendable {
    static let session = "remote-1"
    static let secret = "cluster-secret-for-tests-0123456789abcdef"
    let shared: TestDirectory
    let certificate: String
    let backend: ProxyTestBackend
    let a: RunningGateway
    let b: RunningGateway
    let client: HTTPClient
    let users: ProxyUsers

    var catalog: Catalog { a.app.atrium.catalog }
    var origin: String { a.base }
    var prefix: String { "/s/\(Self.session)" }

    private init(shared: TestDirectory, certificate: String, backend: ProxyTestBackend, a: RunningGateway, b: RunningGateway,
                 client: HTTPClient, users: ProxyUsers) {
        self.shared = shared
        self.certificate = certificate
        self.backend = backend
        self.a = a
        self.b = b
        self.client = client
        self.users = users
    }

    /// Runs `body` with both nodes up; `secretA` / `secretB` are each node's cluster secret.
    static func with(secretA: String? = secret, secretB: String? = secret, _ body: (ClusterFixture) async throws -> Void) async throws {
        let shared = try TestDirectory()
        defer { shared.remove() }
        let pem = try SelfSignedCertificate.generate(host: "127.0.0.1")
        let certificate = shared.path + "/cluster-cert.pem", key = shared.path + "/cluster-key.pem"
        try pem.certificate.write(toFile: certificate, atomically: true, encoding: .utf8)
        try pem.key.write(toFile: key, atomically: true, encoding: .utf8)
        let database = try makeDatabase(shared)
        defer { database.drop() }
        func node(_ name: String, _ secret: String?) -> (inout GatewayConfiguration) -> Void {
            { configuration in
                configuration.nodeName = name
                configuration.database = database.url
                configuration.tlsCertificatePath = certificate
                configuration.tlsKeyPath = key
                configuration.clusterSecret = secret
                // A name the certificate holds: the WebSocket client sends it as SNI (an IP address cannot be).
                configuration.advertiseURL = "https://localhost:\(configuration.httpsPort)"
            }
        }
        let backend = try await ProxyTestBackend()
        let b = try await RunningGateway(configure: node("node-b", secretB))
        let a = try await RunningGateway(configure: node("node-a", secretA))
        let client = try Self.client(trusting: certificate)
        do {
            let bURL = b.app.atrium.advertisedURL
            #expect(bURL == "https://localhost:\(b.port)")
            // Node A reaches node B at the address B registered in the catalog on joining (up to 10 s).
            // On SQLite no node joins a cluster: the fixture registers B as B would.
            if b.app.atrium.sessions.cluster == nil {
                _ = try await a.app.atrium.catalog.registerNode(name: "node-b", address: bURL, incarnation: "fixture", solveSlots: 1)
            }
            for _ in 0..<200 {
                if try await a.app.atrium.nodeAddress("node-b") == bURL { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await a.app.atrium.nodeAddress("node-b") == bURL)
            let users = try await ProxyUsers.create(in: a.app.atrium.catalog, client: client, base: a.base)
            let fixture = ClusterFixture(shared: shared, certificate: certificate, backend: backend, a: a, b: b, client: client, users: users)
            try await fixture.addSession(session, node: "node-b")
            await b.app.atrium.proxyDirectory.register(ProxyTarget(sessionId: session, ownerId: users.ownerId, socketPath: backend.socketPath,
                                                                   secret: ProxyTestBackend.secret))
            try await body(fixture)
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await a.stop()
        try await b.stop()
        try await backend.stop()
    }

    /// A catalog row for a data session of `owner` on `node`, ready, or ended with `endReason`.
    func addSession(_ id: String, node: String, endReason: String? = nil) async throws {
        try await catalog.createDataSession(id: id, userId: ownerId, app: "demo", appVersion: "1", runtime: "stand-in@1", node: node,
                                            seatId: "seat-" + id)
        try await catalog.markDataSessionReady(id: id, address: "unix:" + backend.socketPath, tokenId: nil)
        if let endReason { _ = try await catalog.endDataSession(id: id, reason: endReason, logDigest: nil) }
    }

    /// The shared catalog: a SQLite file in `shared`, or a fresh database on the test PostgreSQL.
    struct Database {
        let url: String
        let drop: () -> Void
    }

    static func makeDatabase(_ shared: TestDirectory) throws -> Database {
        guard let base = PostgresGatewayTests.url else { return Database(url: shared.path + "/catalog.sqlite", drop: {}) }
        let name = "atrium_c_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try PostgresGatewayTests.psql(base, "CREATE DATABASE \(name)")
        var components = try #require(URLComponents(string: base))
        components.path = "/" + name
        return Database(url: try #require(components.string)) { try? PostgresGatewayTests.psql(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}
