import AsyncHTTPClient
import Foundation
import Gateway
import NIOCore
import Sessions
import Testing

/// The `/s/{session}/…` proxy over HTTP, through a real gateway to a real stand-in session.
@Suite(.serialized) struct ProxyHTTPTests {
    static let prefix = "/s/\(ProxyFixture.session)"

    @Test func ownerReachesSessionWithPrefixStrippedAndCredentialsRemoved() async throws {
        try await ProxyFixture.with { f in
            let response = try await f.request(.GET, Self.prefix + "/echo/a%20b/c?x=1&y=two", cookie: f.ownerCookie + "; theme=dark",
                                               headers: [("Authorization", "Bearer atr_nothing"), ("X-Forwarded-For", "6.6.6.6")])
            // A Bearer token that is not a token is refused before the proxy.
            #expect(response.status == .unauthorized)

            let ok = try await f.request(.GET, Self.prefix + "/echo/a%20b/c?x=1&y=two", cookie: f.ownerCookie + "; theme=dark",
                                         headers: [("X-Forwarded-For", "6.6.6.6"), ("Connection", "keep-alive, X-Drop"), ("X-Drop", "1")])
            #expect(ok.status == .ok)
            #expect(ok.headers.first(name: "Content-Security-Policy") == "default-src 'self'")
            let echo = try await ProxyFixture.json(ok)
            #expect(echo["method"] as? String == "GET")
            #expect(echo["path"] as? String == "/echo/a%20b/c?x=1&y=two")
            let headers = try #require(echo["headers"] as? [String: [String]])
            #expect(headers["x-atrium-proxy-secret"] == [ProxyTestBackend.secret])
            #expect(headers["cookie"] == ["theme=dark"])
            #expect(headers["authorization"] == nil)
            #expect(headers["x-forwarded-for"] == ["127.0.0.1"])
            #expect(headers["x-forwarded-proto"] == ["https"])
            #expect(headers["x-forwarded-prefix"] == [Self.prefix])
            #expect(headers["x-drop"] == nil)
            #expect(f.events.withLock { $0 } == [.request])
        }
    }

    @Test func onlyTheOwnerGetsThrough() async throws {
        try await ProxyFixture.with { f in
            try await f.expectOthersSeeNoSession(Self.prefix)
            let anonymous = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil)
            #expect(anonymous.status == .notFound)
            // A page load without a pass goes through the portal's way in (which asks to log on first).
            let page = try await f.request(.GET, Self.prefix + "/echo/x?y=1", cookie: nil, headers: [("Accept", "text/html,*/*")])
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: "Location") == f.origin + Self.prefix + "/echo/x?y=1")
            let portal = try await f.request(.GET, Self.prefix + "/echo/x?y=1", cookie: nil, headers: [("Accept", "text/html,*/*")], portalHost: true)
            #expect(portal.status == .seeOther)
            #expect(portal.headers.first(name: "Location") == "/logon")
            #expect(f.events.withLock { $0 }.isEmpty)
        }
    }

    @Test func sessionRootRedirectsToTrailingSlash() async throws {
        try await ProxyFixture.with { f in
            let response = try await f.request(.GET, Self.prefix + "?a=1", cookie: f.ownerCookie)
            #expect(response.status == .permanentRedirect)
            #expect(response.headers.first(name: "Location") == Self.prefix + "/?a=1")
        }
    }

    @Test func stateChangingRequestsNeedSameOrigin() async throws {
        try await ProxyFixture.with { f in
            let body = ByteBuffer(repeating: 7, count: 3 << 20)
            let missing = try await f.request(.POST, Self.prefix + "/echo/save", cookie: f.ownerCookie, body: body)
            #expect(missing.status == .forbidden)
            let foreign = try await f.request(.POST, Self.prefix + "/echo/save", cookie: f.ownerCookie, headers: [("Origin", "https://evil.example")], body: body)
            #expect(foreign.status == .forbidden)
            // The portal's origin is another site than the session's.
            let portal = try await f.request(.POST, Self.prefix + "/echo/save", cookie: f.ownerCookie, headers: [("Origin", f.origin)], body: body)
            #expect(portal.status == .forbidden)
            let same = try await f.request(.POST, Self.prefix + "/echo/save", cookie: f.ownerCookie,
                                           headers: [("Origin", f.sessionOrigin(ProxyFixture.session))], body: body)
            #expect(same.status == .ok)
            let echo = try await ProxyFixture.json(same)
            #expect(echo["method"] as? String == "POST")
            #expect(echo["size"] as? Int == 3 << 20)
        }
    }

    @Test func largeResponseStreamsAndGatewayCookieIsNotSet() async throws {
        try await ProxyFixture.with { f in
            let big = try await f.request(.GET, Self.prefix + "/big?mib=20", cookie: f.ownerCookie)
            #expect(big.status == .ok)
            var total = 0
            for try await piece in big.body { total += piece.readableBytes }
            #expect(total == 20 << 20)
            let cookies = try await f.request(.GET, Self.prefix + "/cookies", cookie: f.ownerCookie)
            #expect(cookies.headers["Set-Cookie"] == ["theme=dark; Path=/"])
        }
    }

    @Test func sessionDownIs502AndSlowSessionIs504() async throws {
        try await ProxyFixture.with(configure: { $0.proxy.responseTimeout = .seconds(1) }) { f in
            let slow = try await f.request(.GET, Self.prefix + "/slow", cookie: f.ownerCookie)
            #expect(slow.status == .gatewayTimeout)
            try await f.backend.stop()
            let down = try await f.request(.GET, Self.prefix + "/echo/x", cookie: f.ownerCookie)
            #expect(down.status == .badGateway)
            let problem = try await ProxyFixture.json(down)
            #expect(problem["detail"] as? String == "The session is not answering.")
        }
    }
}
