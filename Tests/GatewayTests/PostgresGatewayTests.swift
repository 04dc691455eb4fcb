import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Testing

/// The gateway on PostgreSQL instead of the embedded SQLite: a fresh database on the private
/// server that scripts/test starts (ATRIUM_TEST_POSTGRES_URL; required in CI).
@Suite struct PostgresGatewayTests {
    static var url: String? { ProcessInfo.processInfo.environment["ATRIUM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }
    static var required: Bool { ProcessInfo.processInfo.environment["ATRIUM_REQUIRE_POSTGRES"] == "1" }

    /// Runs `psql` against the server behind `url` (databases are made and dropped with it).
    static func psql(_ url: String, _ statement: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-q", "-v", "ON_ERROR_STOP=1", url, "-c", statement]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EIO) }
    }

    /// Runs `body` with a test gateway's configuration on a fresh database of the test server,
    /// dropped afterwards (with its directory).
    static func withFreshDatabase(prefix: String, _ body: (GatewayConfiguration) async throws -> Void) async throws {
        let base = try #require(url, "ATRIUM_REQUIRE_POSTGRES=1 but ATRIUM_TEST_POSTGRES_URL is not set")
        let name = prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try psql(base, "CREATE DATABASE \(name)")
        defer { try? psql(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var components = try #require(URLComponents(string: base))
        components.path = "/" + name
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = TestGateway.configuration(dir)
        configuration.database = try #require(components.string)
        try await body(configuration)
    }

    @Test(.enabled(if: url != nil || required, "no PostgreSQL: scripts/test starts one"))
    func logOnUsersAndReadinessOnPostgres() async throws {
        try await Self.withFreshDatabase(prefix: "atrium_g_") { configuration in
            #expect(configuration.catalogConfiguration.database != .sqlite(path: configuration.database))
            let app = try await buildApplication(configuration)
            try await app.test(.router) { client in
                let ready = try await Caller.anonymous.request(client, .get, "/readyz")
                #expect(ready.status == .ok)
                #expect(try ready.object()["database"] as? String == "ok")
                let admin = try await Caller.logon(client, "admin", TestGateway.adminPassword)
                let created = try await admin.request(client, .post, "/api/v1/users", json: ["name": "dora", "password": "dora-password", "role": "publisher"])
                #expect(created.status == .created)
                let list = try await admin.request(client, .get, "/api/v1/users")
                let names = (try list.object()["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                #expect(names?.sorted() == ["admin", "dora"])
                let dora = try await Caller.logon(client, "dora", "dora-password")
                #expect(try await dora.request(client, .get, "/api/v1/me").status == .ok)
            }
        }
    }
}
