import AsyncHTTPClient
import Catalog
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import NIOSSL
import Sessions
import Synchronization
import Testing

/// A real gateway (HTTPS on a loopback port) and a stand-in session behind it, registered in the
/// proxy directory for user `owner`; `other` is a second user. Activity events are recorded.
final class ProxyFixture: @unchecked Sendable {
    static let session = "sess-1"
    let backend: ProxyTestBackend
    let gateway: RunningGateway
    let client: HTTPClient
    let ownerCookie: String
    let otherCookie: String
    let events: ActivityLog

    var origin: String { gateway.base }
    var port: Int { gateway.port }
    var certificate: String { SelfSignedCertificate.paths(dataDirectory: gateway.directory.path).certificate }
    var directory: ProxyDirectory { gateway.app.atrium.proxyDirectory }

    private init(backend: ProxyTestBackend, gateway: RunningGateway, client: HTTPClient, ownerCookie: String, otherCookie: String,
                 events: ActivityLog) {
        self.backend = backend
        self.events = events
        self.gateway = gateway
        self.client = client
        self.ownerCookie = ownerCookie
        self.otherCookie = otherCookie
    }

    static func with(configure: (inout GatewayConfiguration) -> Void = { _ in }, _ body: (ProxyFixture) async throws -> Void) async throws {
        let backend = try await ProxyTestBackend()
        let events = ActivityLog()
        let gateway = try await RunningGateway(configure: configure) { _, activity in events.withLock { $0.append(activity) } }
        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(SelfSignedCertificate.paths(dataDirectory: gateway.directory.path).certificate))
        let client = HTTPClient(configuration: .init(tlsConfiguration: trusting, redirectConfiguration: .disallow))
        do {
            let catalog = gateway.app.atrium.catalog
            let owner = try await catalog.createUser(name: "owner", displayName: "Owner", password: "owner-password", role: .user)
            try await catalog.createUser(name: "other", displayName: "Other", password: "other-password", role: .user)
            let ownerCookie = try await logon(client, gateway.base, "owner")
            let otherCookie = try await logon(client, gateway.base, "other")
            let fixture = ProxyFixture(backend: backend, gateway: gateway, client: client, ownerCookie: ownerCookie, otherCookie: otherCookie,
                                       events: events)
            await fixture.directory.register(ProxyTarget(sessionId: session, ownerId: owner.id, host: "127.0.0.1", port: backend.port,
                                                         secret: ProxyTestBackend.secret))
            try await body(fixture)
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await gateway.stop()
        try await backend.stop()
    }

    /// `atrium_session=…` of a fresh log-on of `name` (password `name-password`).
    static func logon(_ client: HTTPClient, _ base: String, _ name: String) async throws -> String {
        var request = HTTPClientRequest(url: base + "/api/v1/session")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["name": name, "password": name + "-password"])))
        let response = try await client.execute(request, timeout: .seconds(10))
        #expect(response.status == .ok)
        let cookie = try #require(response.headers.first(name: "Set-Cookie"))
        return String(try #require(cookie.split(separator: ";").first))
    }

    /// Sends a request to the gateway; `cookie` nil is anonymous.
    func request(_ method: HTTPMethod = .GET, _ path: String, cookie: String?, headers: [(String, String)] = [],
                 body: ByteBuffer? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: origin + path)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        return try await client.execute(request, timeout: .seconds(30))
    }

    /// The JSON object of `/echo/…` (or any JSON body).
    static func json(_ response: HTTPClientResponse) async throws -> [String: Any] {
        let body = try await response.body.collect(upTo: 1 << 20)
        return try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any], "\(String(buffer: body))")
    }

    /// Opens a WebSocket to `path` as a same-origin page of `cookie`'s user (or with `origin`).
    func socket<T: Sendable>(_ path: String, cookie: String?, origin: String? = nil, extra: [(String, String)] = [],
                             _ body: (inout TestSocket) async throws -> T) async throws -> (status: HTTPResponseStatus, value: T?) {
        var headers = [("Origin", origin ?? self.origin)] + extra
        if let cookie { headers.append(("Cookie", cookie)) }
        return try await TestSocket.open(port: port, path: path, headers: headers, trust: certificate, body)
    }

    /// Waits (up to 5 s) until `condition` holds.
    func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<100 where !condition() { try await Task.sleep(for: .milliseconds(50)) }
    }
}

/// The proxy's activity events a gateway reported, in order.
final class ActivityLog: Sendable {
    private let events = Mutex<[ProxyActivity]>([])

    func withLock<Result: Sendable>(_ body: (inout [ProxyActivity]) -> Result) -> Result {
        events.withLock { body(&$0) }
    }
}
