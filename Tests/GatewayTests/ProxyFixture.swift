import AsyncHTTPClient
import Catalog
import Foundation
import Gateway
import NIOHTTP1
import Sessions
import Synchronization
import Testing

/// A real gateway (HTTPS on a loopback port) and a stand-in session behind it, registered in the
/// proxy directory for user `owner`; `other` is a second user. Activity events are recorded.
final class ProxyFixture: ProxyCaller, @unchecked Sendable {
    static let session = "sess-1"
    let backend: ProxyTestBackend
    let gateway: RunningGateway
    let client: HTTPClient
    let users: ProxyUsers
    let events: ActivityLog

    var origin: String { gateway.base }
    var port: Int { gateway.port }
    var certificate: String { SelfSignedCertificate.paths(dataDirectory: gateway.directory.path).certificate }
    var directory: ProxyDirectory { gateway.app.atrium.proxyDirectory }
    var catalog: Catalog { gateway.app.atrium.catalog }

    private init(backend: ProxyTestBackend, gateway: RunningGateway, client: HTTPClient, users: ProxyUsers, events: ActivityLog) {
        self.backend = backend
        self.events = events
        self.gateway = gateway
        self.client = client
        self.users = users
    }

    static func with(configure: (inout GatewayConfiguration) -> Void = { _ in }, _ body: (ProxyFixture) async throws -> Void) async throws {
        let backend = try await ProxyTestBackend()
        let events = ActivityLog()
        let gateway = try await RunningGateway(configure: configure) { _, activity in events.withLock { $0.append(activity) } }
        let client = try Self.client(trusting: SelfSignedCertificate.paths(dataDirectory: gateway.directory.path).certificate)
        do {
            let users = try await ProxyUsers.create(in: gateway.app.atrium.catalog, client: client, base: gateway.base)
            let fixture = ProxyFixture(backend: backend, gateway: gateway, client: client, users: users, events: events)
            await fixture.directory.register(ProxyTarget(sessionId: session, ownerId: users.ownerId, socketPath: backend.socketPath,
                                                         secret: ProxyTestBackend.secret))
            try await body(fixture)
        } catch {
            Issue.record(error)
        }
        try await client.shutdown()
        try await gateway.stop()
        try await backend.stop()
    }

    /// The JSON object of `/echo/…` (or any JSON body).
    static func json(_ response: HTTPClientResponse) async throws -> [String: Any] {
        let body = try await response.body.collect(upTo: 1 << 20)
        return try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any], "\(String(buffer: body))")
    }

    /// Opens a WebSocket to `path` as a same-origin page of `cookie`'s user (or with `origin`):
    /// under `/s/<session>`, on that session's own host with the log-on's pass into it.
    func socket<T: Sendable>(_ path: String, cookie: String?, origin: String? = nil, extra: [(String, String)] = [],
                             _ body: (inout TestSocket) async throws -> T) async throws -> (status: HTTPResponseStatus, value: T?) {
        var headers = extra
        var cookie = cookie
        var pageOrigin = self.origin
        if let session = Self.session(of: path) {
            let authority = Self.sessionAuthority(session, base: self.origin)
            headers.append(("Host", authority))
            pageOrigin = "https://" + authority
            if let portal = cookie { cookie = try await pass(for: portal, session: session) }
        }
        headers.insert(("Origin", origin ?? pageOrigin), at: 0)
        if let cookie { headers.append(("Cookie", cookie)) }
        return try await TestSocket.open(port: port, path: path, headers: headers, trust: certificate, body)
    }

    /// Opens a WebSocket to `path` as `cookie`'s same-origin page and reads, byte by byte, the
    /// answer of a gateway that closes it at once: the status and the close frame behind the 101.
    /// (NIO's client upgrade pipeline now and then loses the bytes that arrive with the 101 and
    /// the end of the stream; a browser does not.)
    func closedAtOnce(_ path: String, cookie: String) async throws -> (status: Int?, close: TestSocket.Message?) {
        let request = try await upgradeRequest(path, cookie: cookie)
        let raw = try await RawConnection.open(port: port)
        defer { raw.close() }
        try await raw.send(request)
        let frames = { raw.body }
        // One unmasked frame with a short payload: opcode byte, length byte, payload.
        let whole = { () -> Bool in let f = frames(); return f.count >= 2 && f.count >= 2 + Int(f[f.startIndex + 1] & 0x7F) }
        try await ConnectionAbuseTests.until("a frame behind the 101", { "\(raw.receivedText.prefix(300))" }) { whole() || !raw.isOpen }
        let frame = Array(frames())
        guard whole(), frame[0] == 0x88, frame[1] >= 2, frame[1] < 126 else { return (raw.status, nil) }
        let code = UInt16(frame[2]) << 8 | UInt16(frame[3])
        return (raw.status, .close(code: code, reason: String(decoding: frame[4..<(2 + Int(frame[1]))], as: UTF8.self)))
    }

    /// The request text of a WebSocket upgrade to `path` (under `/s/<session>`) as `cookie`'s
    /// same-origin page: on that session's own host, with the log-on's pass into it.
    func upgradeRequest(_ path: String, cookie: String) async throws -> String {
        let session = try #require(Self.session(of: path))
        let authority = Self.sessionAuthority(session, base: origin)
        let pass = try await pass(for: cookie, session: session)
        return "GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: https://\(authority)\r\nCookie: \(pass)\r\n\r\n"
    }

    /// Asks for a WebSocket to `path` as `cookie`'s same-origin page (on the session's host) that
    /// the gateway answers without upgrading: the status and the whole answer (head and body) as text.
    func refusedUpgrade(_ path: String, cookie: String) async throws -> (status: Int?, text: String) {
        let request = try await upgradeRequest(path, cookie: cookie)
        let raw = try await RawConnection.open(port: port)
        defer { raw.close() }
        try await raw.send(request)
        let length = { () -> Int? in
            raw.receivedText.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
        }
        try await ConnectionAbuseTests.until("a whole answer", { "\(raw.receivedText.prefix(300))" }) {
            !raw.isOpen || (raw.status != nil && length().map { raw.bodyCount >= $0 } == true)
        }
        return (raw.status, raw.receivedText)
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
