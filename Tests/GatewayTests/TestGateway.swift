import Catalog
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A gateway built by the composition root in a temporary directory (SQLite catalog, fast
/// bcrypt, known admin password), tested through Hummingbird's router test client.
enum TestGateway {
    static let adminPassword = "admin-password-1"

    static func configuration(_ dir: TestDirectory, requestsPerSecond: Int = 0) -> GatewayConfiguration {
        GatewayConfiguration(dataDirectory: dir.path, httpsPort: 0, httpRedirectPort: nil, requestsPerSecond: requestsPerSecond,
                             initialAdminPassword: adminPassword, bcryptCost: 4)
    }

    /// Runs `body` against a fresh gateway.
    static func with(requestsPerSecond: Int = 0,
                     _ body: @Sendable (any TestClientProtocol, AtriumApplication) async throws -> Void) async throws {
        try await withDirectory(requestsPerSecond: requestsPerSecond) { client, app, _ in try await body(client, app) }
    }

    /// Runs `body` against a fresh gateway (uploads up to `maxUploadBytes` when given), with its directory.
    static func withDirectory(requestsPerSecond: Int = 0, maxUploadBytes: Int64? = nil,
                              _ body: @Sendable (any TestClientProtocol, AtriumApplication, TestDirectory) async throws -> Void) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = configuration(dir, requestsPerSecond: requestsPerSecond)
        if let maxUploadBytes { configuration.maxUploadBytes = maxUploadBytes }
        let app = try await buildApplication(configuration)
        try await app.test(.router) { client in try await body(client, app, dir) }
    }
}

/// Someone calling the API: anonymous, a portal session (cookie + CSRF token), or a token.
struct Caller: Sendable {
    var headers: HTTPFields = [:]
    var name = "anonymous"

    static let anonymous = Caller()

    /// Logs `name` on through `POST /api/v1/session` and keeps the cookie and CSRF token.
    static func logon(_ client: any TestClientProtocol, _ name: String, _ password: String) async throws -> Caller {
        let body = try JSONSerialization.data(withJSONObject: ["name": name, "password": password])
        return try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                        body: ByteBuffer(bytes: body)) { response in
            #expect(response.status == .ok, "log-on of \(name): \(String(buffer: response.body))")
            let cookie = try #require(response.headers[.setCookie])
            let secret = try #require(cookie.split(separator: ";").first).split(separator: "=", maxSplits: 1)[1]
            let info = try #require(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let csrf = try #require(info["csrfToken"] as? String)
            return Caller(headers: [.cookie: "__Host-atrium_session=\(secret)", HTTPField.Name("X-CSRF-Token")!: csrf], name: name)
        }
    }

    /// A caller with a fresh API token of `user` with `scopes`, made in the catalog directly.
    static func token(_ app: AtriumApplication, user: String, scopes: [String] = ["read", "write"]) async throws -> Caller {
        let found = try #require(try await app.atrium.catalog.user(named: user))
        let created = try await app.atrium.catalog.createToken(userId: found.id, name: "test", scopes: scopes, expiresAt: nil)
        return Caller(headers: [.authorization: "Bearer \(created.secret)"], name: user + "-token")
    }

    /// Creates a user through the catalog (fast path for test setup).
    @discardableResult
    static func makeUser(_ app: AtriumApplication, _ name: String, role: Role = .user) async throws -> User {
        try await app.atrium.catalog.createUser(name: name, displayName: name.capitalized, password: name + "-password", role: role)
    }

    func request(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, json: Any? = nil,
                 headers extra: HTTPFields = [:], body raw: ByteBuffer? = nil) async throws -> TestResponse {
        var headers = self.headers
        for field in extra { headers[field.name] = field.value }
        var body = raw
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { $0 }
    }
}

extension TestResponse {
    /// The body as a JSON object (fails the test when it is not one).
    func object() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any], "\(String(buffer: body))")
    }

    var text: String { String(buffer: body) }
}
