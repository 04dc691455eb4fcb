import AsyncHTTPClient
import Catalog
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import Testing

/// Sessions on hosts of their own (docs/session-origin.md), over HTTPS against a real gateway and
/// a real stand-in session: the portal's one-time ticket, the session host's `__Host-` pass, and
/// each host refusing the other's cookie and routes. (Chromium's side: SessionOriginBrowserTests.)
@Suite(.serialized) struct SessionOriginTests {
    static let session = ProxyFixture.session
    static let prefix = "/s/\(session)"

    /// `name=value` of a `Set-Cookie` header and its attributes, lowercased.
    static func cookie(_ header: String?) -> (pair: String, attributes: Set<String>)? {
        guard let parts = header?.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }), let pair = parts.first else { return nil }
        return (pair, Set(parts.dropFirst().map { $0.lowercased() }))
    }

    /// Query parameter `name` of a URL.
    static func parameter(_ name: String, of url: String?) -> String? {
        url.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == name }?.value }
    }

    @Test func thePortalHandsTheBrowserOverWithAOneTimeTicket() async throws {
        try await ProxyFixture.with { f in
            let authority = ProxyFixture.sessionAuthority(Self.session, base: f.origin)
            let handover = try await f.request(.GET, Self.prefix + "/echo/x?y=1", cookie: f.ownerCookie, portalHost: true)
            #expect(handover.status == .seeOther)
            #expect(handover.headers.first(name: "Cache-Control") == "no-store")
            let location = try #require(handover.headers.first(name: "Location"))
            #expect(location.hasPrefix("https://\(authority)/_atrium/enter?"))
            let ticket = try #require(Self.parameter("ticket", of: location))
            #expect(ticket.hasPrefix("atk_"))
            #expect(Self.parameter("next", of: location) == "/echo/x?y=1")
            #expect(f.events.withLock { $0 }.isEmpty, "the portal's host never reached the session")

            // The session's host trades it for its own cookie and goes on to the page.
            let enterPath = String(location.dropFirst("https://\(authority)".count))
            let entered = try await f.request(.GET, enterPath, cookie: nil, headers: [("Host", authority)])
            #expect(entered.status == .seeOther)
            #expect(entered.headers.first(name: "Location") == Self.prefix + "/echo/x?y=1")
            let set = try #require(Self.cookie(entered.headers.first(name: "Set-Cookie")))
            #expect(set.pair.hasPrefix("__Host-atrium_s=atp_"))
            #expect(set.attributes.isSuperset(of: ["path=/", "secure", "httponly", "samesite=lax"]))
            #expect(!set.attributes.contains { $0.hasPrefix("domain") }, "a __Host- cookie names no domain")

            // Once only.
            let again = try await f.request(.GET, enterPath, cookie: nil, headers: [("Host", authority), ("Accept", "text/html")])
            #expect(again.status == .forbidden)
            #expect(again.headers.first(name: "Set-Cookie") == nil)
            #expect(String(buffer: try await again.body.collect(upTo: 1 << 16)).contains("Open the session again from the portal"))

            // The pass opens the session on its host; the session never sees it.
            let page = try await f.request(.GET, Self.prefix + "/echo/x", cookie: set.pair + "; theme=dark", headers: [("Host", authority)])
            #expect(page.status == .ok)
            let headers = try #require(try await ProxyFixture.json(page)["headers"] as? [String: [String]])
            #expect(headers["cookie"] == ["theme=dark"])

            // A ticket is for one session's host only: on another's it is refused (and used up).
            let other = try await f.request(.GET, Self.prefix + "/", cookie: f.ownerCookie, portalHost: true)
            let otherTicket = try #require(Self.parameter("ticket", of: other.headers.first(name: "Location")))
            let elsewhere = try await f.request(.GET, "/_atrium/enter?ticket=\(otherTicket)&next=/", cookie: nil,
                                                headers: [("Host", ProxyFixture.sessionAuthority("sess-2", base: f.origin))])
            #expect(elsewhere.status == .forbidden)
            let after = try await f.request(.GET, "/_atrium/enter?ticket=\(otherTicket)&next=/", cookie: nil, headers: [("Host", authority)])
            #expect(after.status == .forbidden)

            // `next` stays on the session's host.
            let offsite = try await f.request(.GET, Self.prefix + "/", cookie: f.ownerCookie, portalHost: true)
            let offsiteTicket = try #require(Self.parameter("ticket", of: offsite.headers.first(name: "Location")))
            let redirected = try await f.request(.GET, "/_atrium/enter?ticket=\(offsiteTicket)&next=%2F%2Fevil.example%2F", cookie: nil,
                                                 headers: [("Host", authority)])
            #expect(redirected.headers.first(name: "Location") == Self.prefix + "/")

            // Another user gets no ticket into the owner's session: the same 404 as for none at all.
            let stranger = try await f.request(.GET, Self.prefix + "/", cookie: f.otherCookie, portalHost: true)
            #expect(stranger.status == .notFound)
            let none = try await f.request(.GET, "/s/no-such-session/", cookie: f.ownerCookie, portalHost: true)
            #expect(none.status == .notFound)
            // The way in does not exist on the portal's host.
            let onPortal = try await f.request(.GET, "/_atrium/enter?ticket=\(ticket)", cookie: f.ownerCookie)
            #expect(onPortal.status == .notFound)
        }
    }

    @Test func eachHostReadsOnlyItsOwnCookieAndServesOnlyItsOwnRoutes() async throws {
        try await ProxyFixture.with { f in
            let authority = ProxyFixture.sessionAuthority(Self.session, base: f.origin)
            let pass = try await f.pass(for: f.ownerCookie, session: Self.session)
            // The portal's cookie means nothing on a session's host (a session's page could plant one).
            let portalCookie = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Host", authority), ("Cookie", f.ownerCookie)])
            #expect(portalCookie.status == .notFound)
            // ...and the pass nothing on the portal's.
            let me = try await f.request(.GET, "/api/v1/me", cookie: pass)
            #expect(me.status == .unauthorized)
            let portalPage = try await f.request(.GET, "/", cookie: pass, headers: [("Accept", "text/html")])
            #expect(portalPage.status == .seeOther)
            #expect(portalPage.headers.first(name: "Location")?.hasPrefix("/logon") == true)
            // A pass into one session is no pass into another, even of the same user.
            let anotherHost = ProxyFixture.sessionAuthority("sess-2", base: f.origin)
            let crossed = try await f.request(.GET, "/s/sess-2/echo/x", cookie: nil, headers: [("Host", anotherHost), ("Cookie", pass)])
            #expect(crossed.status == .notFound)
            // A session's host serves that session only: no API, portal, operations or other sessions.
            for path in ["/api/v1/me", "/logon", "/", "/healthz", "/metrics", "/static/portal.css", "/s/sess-2/echo/x"] {
                let response = try await f.request(.GET, path, cookie: nil, headers: [("Host", authority), ("Cookie", pass)])
                #expect(response.status == .notFound, "\(path) on the session's host")
            }
            for host in ["sessions.localhost:\(f.port)", "a.\(Self.session).sessions.localhost:\(f.port)"] {
                let response = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Host", host), ("Cookie", pass)])
                #expect(response.status == .notFound, "\(host)")
            }
            let served = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Host", authority.uppercased()), ("Cookie", pass)])
            #expect(served.status == .ok, "host names are case-insensitive")
            #expect(f.events.withLock { $0 } == [.request])
        }
    }

    @Test func socketsOpenOnlyOnTheSessionsHostFromItsOwnPages() async throws {
        try await ProxyFixture.with { f in
            let path = Self.prefix + "/ws"
            let authority = ProxyFixture.sessionAuthority(Self.session, base: f.origin)
            let pass = try await f.pass(for: f.ownerCookie, session: Self.session)
            func open(_ headers: [(String, String)]) async throws -> HTTPResponseStatus {
                try await TestSocket.open(port: f.port, path: path, headers: headers, trust: f.certificate) { _ in true }.status
            }
            // The portal's host never upgrades to a session, not even for its owner's own page.
            #expect(try await open([("Origin", f.origin), ("Cookie", f.ownerCookie)]) == .badRequest)
            // On the session's host: not from the portal's pages, nor from another session's (the
            // same site, so the browser would send the pass along).
            #expect(try await open([("Host", authority), ("Origin", f.origin), ("Cookie", pass)]) == .badRequest)
            let sibling = "https://" + ProxyFixture.sessionAuthority("sess-2", base: f.origin)
            #expect(try await open([("Host", authority), ("Origin", sibling), ("Cookie", pass)]) == .badRequest)
            // Nor on another session's host, even from that host's own page.
            let siblingHost = ProxyFixture.sessionAuthority("sess-2", base: f.origin)
            #expect(try await open([("Host", siblingHost), ("Origin", sibling), ("Cookie", pass)]) == .badRequest)
            #expect(try await open([("Host", authority), ("Origin", "https://" + authority), ("Cookie", f.ownerCookie)]) == .badRequest)
            #expect(f.gateway.app.atrium.proxyConnections.count == 0)
            #expect(try await open([("Host", authority), ("Origin", "https://" + authority), ("Cookie", pass)]) == .switchingProtocols)
        }
    }

    @Test func tokenCallersAreSentToTheSessionsHostAndLoggingOffEndsPasses() async throws {
        try await ProxyFixture.with { f in
            let authority = ProxyFixture.sessionAuthority(Self.session, base: f.origin)
            let token = try await f.catalog.createToken(userId: f.ownerId, name: "script", scopes: ["read"], expiresAt: nil).secret
            let portal = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Authorization", "Bearer " + token)], portalHost: true)
            #expect(portal.status == .temporaryRedirect)
            #expect(portal.headers.first(name: "Location") == "https://\(authority)\(Self.prefix)/echo/x")
            let direct = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Authorization", "Bearer " + token)])
            #expect(direct.status == .ok)

            let pass = try await f.pass(for: f.ownerCookie, session: Self.session)
            #expect(try await f.request(.GET, Self.prefix + "/echo/x", cookie: pass).status == .ok)
            let secret = String(f.ownerCookie.dropFirst(SessionCookie.name.count + 1))
            try await f.catalog.endWebSession(secret: secret)
            #expect(try await f.request(.GET, Self.prefix + "/echo/x", cookie: pass).status == .notFound)
        }
    }

    @Test func aBrowserOnAnotherMachineIsToldWhatToConfigure() async throws {
        try await ProxyFixture.with { f in
            let response = try await f.request(.GET, Self.prefix + "/", cookie: f.ownerCookie,
                                               headers: [("Host", "atrium.example.org:\(f.port)")], portalHost: true)
            #expect(response.status == .conflict)
            let detail = try await ProxyFixture.json(response)["detail"] as? String
            #expect(detail?.contains("sessionHost") == true)
        }
    }

    /// Behind a load balancer: the sessions' domain and the portal's public address are set; the
    /// handover, the way in and the way back use them, and the port the browser used.
    @Test func aConfiguredSessionDomainAndPublicAddress() async throws {
        try await ProxyFixture.with(configure: { configuration in
            configuration.sessionHost = "sessions.example.test"
            configuration.publicURL = "https://atrium.example.test"
        }) { f in
            let handover = try await f.request(.GET, Self.prefix + "/echo/x", cookie: f.ownerCookie,
                                               headers: [("Host", "atrium.example.test")], portalHost: true)
            #expect(handover.status == .seeOther)
            let location = try #require(handover.headers.first(name: "Location"))
            #expect(location.hasPrefix("https://\(Self.session).sessions.example.test/_atrium/enter?ticket=atk_"))
            let host = "\(Self.session).sessions.example.test"
            let entered = try await f.request(.GET, String(location.dropFirst("https://\(host)".count)), cookie: nil, headers: [("Host", host)])
            #expect(entered.status == .seeOther)
            let pass = try #require(Self.cookie(entered.headers.first(name: "Set-Cookie"))).pair
            let page = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Host", host), ("Cookie", pass)])
            #expect(page.status == .ok)
            let anonymous = try await f.request(.GET, Self.prefix + "/echo/x", cookie: nil, headers: [("Host", host), ("Accept", "text/html")])
            #expect(anonymous.headers.first(name: "Location") == "https://atrium.example.test/s/\(Self.session)/echo/x")
            // The default domain is no session host here: a request for it goes to the portal's routes.
            let localhost = try await f.request(.GET, "/healthz", cookie: nil, headers: [("Host", "x.sessions.localhost:\(f.port)")], portalHost: true)
            #expect(localhost.status == .ok)
        }
    }

    @Test func thePortalCannotLiveUnderTheSessionsDomain() throws {
        let underSessions = ["ATRIUM_PUBLIC_URL": "https://portal.sessions.localhost:8443"]
        #expect(throws: ConfigurationError.self) { _ = try GatewayConfiguration.load(environment: underSessions) }
        let listening = ["ATRIUM_SESSION_HOST": "example.org", "ATRIUM_HOST": "atrium.example.org"]
        #expect(throws: ConfigurationError.self) { _ = try GatewayConfiguration.load(environment: listening) }
        for bad in ["localhost", "-x.example.org", "a..b", "a_b.example.org", "sessions.example.org:8443", "*.example.org"] {
            #expect(throws: ConfigurationError.self, "\(bad)") { _ = try GatewayConfiguration.load(environment: ["ATRIUM_SESSION_HOST": bad]) }
        }
        let set = try GatewayConfiguration.load(environment: ["ATRIUM_SESSION_HOST": "Sessions.Example.ORG"])
        #expect(set.sessionHost == "sessions.example.org")
        #expect(try GatewayConfiguration.load(environment: [:]).sessionHost == "sessions.localhost")
    }
}
