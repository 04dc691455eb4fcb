import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Sessions
import Store
import Testing

/// A runtime package whose signed manifest declares it needs the network gets none until an admin
/// allows it for that package (name@version); only admins see the declaration and allow or
/// withdraw, through the API and the portal's package page; each change is audited, and what a
/// launch prepares (``PreparedRuntime/networkAllowed``) follows at once. On SQLite, and on
/// PostgreSQL when the suite has one.
@Suite struct PackageNetworkRouteTests {
    enum Database: String, CaseIterable, Sendable {
        case sqlite, postgres
        static var available: [Database] {
            allCases.filter { $0 == .sqlite || PostgresGatewayTests.url != nil || PostgresGatewayTests.required }
        }
    }

    static let reason = "licence server at lic.example.org:27000"

    /// A gateway on `database` with two trusted packages uploaded by pat: `solver@2.0`, whose
    /// manifest declares the network, and `plain@1.0`, which does not.
    static func with(_ database: Database,
                     _ body: @Sendable (any TestClientProtocol, AtriumApplication, TestDirectory) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = TestGateway.configuration(dir)
        var dropDatabase: (() -> Void)?
        if database == .postgres {
            let base = try #require(PostgresGatewayTests.url, "ATRIUM_REQUIRE_POSTGRES=1 but ATRIUM_TEST_POSTGRES_URL is not set")
            let name = "atrium_n_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            try PostgresGatewayTests.psql(base, "CREATE DATABASE \(name)")
            dropDatabase = { try? PostgresGatewayTests.psql(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            var components = try #require(URLComponents(string: base))
            components.path = "/" + name
            configuration.database = try #require(components.string)
        }
        defer { dropDatabase?() }
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in
            let key = try await Publish.trustedKey(app)
            let pat = try await Caller.publisher(app, "pat")
            try await Caller.makeUser(app, "alice")
            for (name, version, network) in [("solver", "2.0", true), ("plain", "1.0", false)] {
                let bytes = try package(dir, key: key, name: name, version: version, network: network ? reason : nil)
                let uploaded = try await pat.upload(client, "/api/v1/packages", bytes)
                #expect(uploaded.status == .created, "\(uploaded.text)")
            }
            try await body(client, app, dir)
        }
    }

    /// A signed package whose archive holds a real manifest (with `network` when `network` is given).
    static func package(_ dir: TestDirectory, key: PublisherKeyPair, name: String, version: String, network: String?) throws -> [UInt8] {
        let source = dir.path + "/src-\(name)"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        var manifest: [String: Any] = ["name": name, "version": version, "serve": ["sh", "serve.sh"]]
        if let network { manifest["network"] = ["reason": network] }
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: source + "/atrium-runtime.json"))
        try "exit 0\n".write(toFile: source + "/serve.sh", atomically: true, encoding: .utf8)
        let archive = dir.path + "/\(name).tar"
        let tar = try Process.run(URL(fileURLWithPath: "/bin/tar"), arguments: ["-cf", archive, "-C", source, "."])
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        return try Publish.package(key, name: name, version: version, archive: Array(try Data(contentsOf: URL(fileURLWithPath: archive))))
    }

    static func networkAllowed(_ app: AtriumApplication, _ name: String, _ version: String) async throws -> Bool {
        try await app.atrium.sessions.runtimes.prepare(name: name, version: version).networkAllowed
    }

    @Test(arguments: Database.available)
    func aDeclaredNeedIsNotAllowedUntilAnAdminAllowsItAndOnlyAdminsMay(_ database: Database) async throws {
        try await Self.with(database) { client, app, _ in
            let admin = try await Caller.token(app, user: "admin", scopes: ["read", "write", "admin"])
            let pat = try await Caller.token(app, user: "pat")
            let alice = try await Caller.token(app, user: "alice")
            let path = "/api/v1/packages/solver/2.0/network"

            let prepared = try await app.atrium.sessions.runtimes.prepare(name: "solver", version: "2.0")
            #expect(prepared.manifest.network == RuntimeManifest.NetworkDeclaration(reason: Self.reason))
            #expect(!prepared.networkAllowed, "declared is not allowed")

            let seen = try await admin.request(client, .get, path)
            #expect(seen.status == .ok, "\(seen.text)")
            let before = try seen.object()
            #expect(before["declaredReason"] as? String == Self.reason)
            #expect(before["allowed"] as? Bool == false && before["granted"] as? Bool == false)

            // Nobody but an admin sees or changes it; nothing changes when they try.
            for caller in [pat, alice, Caller.anonymous] {
                let get = try await caller.request(client, .get, path)
                let put = try await caller.request(client, .put, path, json: ["allowed": true])
                #expect([401, 403].contains(get.status.code) && [401, 403].contains(put.status.code), "\(caller.name)")
            }
            #expect(try await !Self.networkAllowed(app, "solver", "2.0"))

            let allowed = try await admin.request(client, .put, path, json: ["allowed": true])
            #expect(allowed.status == .ok, "\(allowed.text)")
            let after = try allowed.object()
            #expect(after["allowed"] as? Bool == true && after["granted"] as? Bool == true)
            let adminUser = try #require(try await app.atrium.catalog.user(named: "admin"))
            #expect(after["allowedBy"] as? String == adminUser.id)
            #expect(try await Self.networkAllowed(app, "solver", "2.0"))
            // Another version or package is not allowed by it.
            #expect(try await !Self.networkAllowed(app, "plain", "1.0"))

            let withdrawn = try await admin.request(client, .put, path, json: ["allowed": false])
            #expect(withdrawn.status == .ok)
            #expect(try withdrawn.object()["granted"] as? Bool == false)
            #expect(try await !Self.networkAllowed(app, "solver", "2.0"))

            let audit = try await app.atrium.catalog.auditLog(target: "package:solver@2.0").filter { $0.action.hasPrefix("package.network") }
            #expect(audit.map(\.action) == ["package.network.withdraw", "package.network.allow"])
            #expect(audit.allSatisfy { $0.actor == adminUser.id && $0.detail.contains("lic.example.org") })

            // Allowing a package that declares nothing grants nothing.
            let plain = try await admin.request(client, .put, "/api/v1/packages/plain/1.0/network", json: ["allowed": true])
            #expect(plain.status == .ok)
            #expect(try plain.object()["declaredReason"] == nil)
            #expect(try plain.object()["granted"] as? Bool == false)
            #expect(try await !Self.networkAllowed(app, "plain", "1.0"))

            let missing = try await admin.request(client, .put, "/api/v1/packages/solver/9.9/network", json: ["allowed": true])
            #expect(missing.status == .notFound)
        }
    }

    @Test func thePortalShowsAdminsTheDeclarationAndAllowsAndWithdrawsWithItsToken() async throws {
        try await Self.with(.sqlite) { client, app, _ in
            let admin = try await PortalSession.logon(client, "admin", TestGateway.adminPassword)
            let packages = try await admin.get(client, "/packages")
            #expect(packages.text.contains(#"href="/packages/solver/2.0/network""#))
            let page = try await admin.get(client, "/packages/solver/2.0/network")
            #expect(page.status == .ok)
            #expect(page.text.contains(Self.reason) && page.text.contains("Not allowed.") && page.text.contains(#"id="network-allow""#))

            let forged = try await admin.post(client, "/packages/solver/2.0/network", ["allowed": "true"], csrf: "not-the-token")
            #expect(forged.status == .forbidden)
            #expect(try await !Self.networkAllowed(app, "solver", "2.0"))

            let allowed = try await admin.post(client, "/packages/solver/2.0/network", ["allowed": "true"])
            #expect(allowed.status == .seeOther)
            #expect(try await Self.networkAllowed(app, "solver", "2.0"))
            let shown = try await admin.get(client, "/packages/solver/2.0/network")
            #expect(shown.text.contains("Allowed by admin") && shown.text.contains(#"id="network-withdraw""#))

            #expect(try await admin.post(client, "/packages/solver/2.0/network", ["allowed": "false"]).status == .seeOther)
            #expect(try await !Self.networkAllowed(app, "solver", "2.0"))

            let pat = try await PortalSession.logon(client, "pat", "pat-password")
            #expect(try await pat.get(client, "/packages/solver/2.0/network").status == .forbidden)
            #expect(try await pat.post(client, "/packages/solver/2.0/network", ["allowed": "true"]).status == .forbidden)
            #expect(!(try await pat.get(client, "/packages")).text.contains("/network"))
            #expect(try await !Self.networkAllowed(app, "solver", "2.0"))
        }
    }
}
