import Foundation
import Gateway
import NIOCore
import Sessions
import Testing

/// The proxy's WebSockets: checked before the upgrade, bridged frame by frame, closed with codes.
@Suite(.serialized) struct ProxyWebSocketTests {
    static let path = "/s/\(ProxyFixture.session)/ws?x=1"

    @Test func ownerEchoesTextAndBinaryThroughTheProxy() async throws {
        try await ProxyFixture.with { f in
            let big = ByteBuffer(bytes: (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let (status, echoed) = try await f.socket(Self.path, cookie: f.ownerCookie) { socket -> [TestSocket.Message?] in
                var got: [TestSocket.Message?] = []
                try await socket.send("hello")
                got.append(try await socket.receive())
                try await socket.send(ByteBuffer(bytes: [1, 2, 3]))
                got.append(try await socket.receive())
                try await socket.send(big)
                got.append(try await socket.receive())
                try await socket.close(code: 1000)
                got.append(try await socket.receive())
                return got
            }
            #expect(status == .switchingProtocols)
            let messages = try #require(echoed)
            #expect(messages.count == 4)
            #expect(messages[0] == .text("hello"))
            #expect(messages[1] == .binary(ByteBuffer(bytes: [1, 2, 3])))
            #expect(messages[2] == .binary(big))
            #expect(messages[3] == .close(code: 1000, reason: ""))
            try await f.eventually { f.events.withLock { $0.count } == 2 }
            #expect(f.events.withLock { $0 } == [.socketOpened, .socketClosed])
            #expect(f.gateway.app.atrium.proxyConnections.count == 0)
        }
    }

    @Test func closeFromTheSessionReachesTheBrowserWithItsCode() async throws {
        try await ProxyFixture.with { f in
            let (_, closed) = try await f.socket(Self.path, cookie: f.ownerCookie) { socket in
                try await socket.send("close:4001")
                return try await socket.receive()
            }
            #expect(closed == .close(code: 4001, reason: "bye"))
            try await f.eventually { f.events.withLock { $0.count } == 2 }
            #expect(f.events.withLock { $0 } == [.socketOpened, .socketClosed])
        }
    }

    /// Refused before any handshake. The listener answers every refused upgrade with a bare `400`
    /// (`Connection: close`), whatever the reason (only the `webSockets` quota's is a 429, see
    /// ProxyQuotaTests), so the reasons (owner, existence, origin) are not told apart here; the
    /// HTTP tests check each of them on the same code path.
    @Test func upgradesAreRefusedBeforeTheHandshake() async throws {
        try await ProxyFixture.with { f in
            let other = try await f.socket(Self.path, cookie: f.otherCookie) { _ in true }
            #expect(other.status == .badRequest)
            #expect(other.value == nil)
            let anonymous = try await f.socket(Self.path, cookie: nil) { _ in true }
            #expect(anonymous.status == .badRequest)
            let unknown = try await f.socket("/s/nope/ws", cookie: f.ownerCookie) { _ in true }
            #expect(unknown.status == .badRequest)
            let crossSite = try await f.socket(Self.path, cookie: f.ownerCookie, origin: "https://evil.example") { _ in true }
            #expect(crossSite.status == .badRequest)
            let pass = try await f.pass(for: f.ownerCookie, session: ProxyFixture.session)
            let noOrigin = try await TestSocket.open(port: f.port, path: Self.path,
                                                     headers: [("Host", ProxyFixture.sessionAuthority(ProxyFixture.session, base: f.origin)), ("Cookie", pass)],
                                                     trust: f.certificate) { _ in true }
            #expect(noOrigin.status == .badRequest)
            #expect(f.events.withLock { $0 }.isEmpty)
            #expect(f.gateway.app.atrium.proxyConnections.count == 0)
            // The owner's same-origin upgrade on the same path does go through.
            let owner = try await f.socket(Self.path, cookie: f.ownerCookie) { _ in true }
            #expect(owner.status == .switchingProtocols)
            // Ordinary routes are untouched by the WebSocket upgrade support.
            let health = try await f.request(.GET, "/healthz", cookie: nil)
            #expect(health.status == .ok)
        }
    }

    @Test func sessionDownClosesTheSocketWith1011() async throws {
        try await ProxyFixture.with { f in
            try await f.backend.stop()
            let (status, closed) = try await f.closedAtOnce(Self.path, cookie: f.ownerCookie)
            #expect(status == 101)
            #expect(closed == .close(code: 1011, reason: "The session is not answering."))
            try await f.eventually { f.events.withLock { $0.count } == 2 }
            #expect(f.events.withLock { $0 } == [.socketOpened, .socketClosed])
        }
    }

    @Test func stoppingTheSessionClosesItsSockets() async throws {
        try await ProxyFixture.with { f in
            let connections = f.gateway.app.atrium.proxyConnections
            let (_, closed) = try await f.socket(Self.path, cookie: f.ownerCookie) { socket in
                try await socket.send("ping")
                _ = try await socket.receive()
                #expect(connections.count(session: ProxyFixture.session) == 1)
                await f.directory.remove(session: ProxyFixture.session)
                await connections.closeAll(session: ProxyFixture.session)
                return try await socket.receive()
            }
            #expect(closed == .close(code: 1001, reason: "The session has stopped."))
            try await f.eventually { f.events.withLock { $0.count } == 2 }
            #expect(f.events.withLock { $0 } == [.socketOpened, .socketClosed])
            #expect(connections.count == 0)
        }
    }
}
