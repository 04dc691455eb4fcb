import AsyncHTTPClient
import Catalog
import Gateway
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

/// What the proxy fixtures (one gateway, or two of a cluster) share: an HTTPS client that trusts
/// their certificate, the users `owner` and `other`, and requests sent as either or anonymously.
protocol ProxyCaller {
    var client: HTTPClient { get }
    var users: ProxyUsers { get }
    /// Where requests go unless told otherwise.
    var origin: String { get }
    /// The catalog behind the gateway(s), where passes into sessions are made for tests.
    var catalog: Catalog { get }
}

extension ProxyCaller {
    var ownerId: String { users.ownerId }
    var otherId: String { users.otherId }
    var ownerCookie: String { users.ownerCookie }
    var otherCookie: String { users.otherCookie }

    /// Sends a request to `base` (`origin` unless told); `cookie` nil is anonymous. A path under
    /// `/s/<session>` goes to that session's own host (its `Host`, at `base`'s address), where a
    /// portal cookie is swapped for the same log-on's pass into that session (``pass(for:session:)``),
    /// unless `portalHost` keeps it on the portal's host as sent.
    func request(_ method: HTTPMethod = .GET, _ path: String, to base: String? = nil, cookie: String?, headers: [(String, String)] = [],
                 body: ByteBuffer? = nil, portalHost: Bool = false) async throws -> HTTPClientResponse {
        let base = base ?? origin
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        var cookie = cookie
        if !portalHost, let session = Self.session(of: path) {
            if !headers.contains(where: { $0.0.lowercased() == "host" }) {
                request.headers.add(name: "Host", value: Self.sessionAuthority(session, base: base))
            }
            if let portal = cookie { cookie = try await pass(for: portal, session: session) }
        }
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        return try await client.execute(request, timeout: .seconds(30))
    }

    /// The session a path under `/s/` names, or nil.
    static func session(of path: String) -> String? {
        guard path.hasPrefix("/s/") else { return nil }
        let session = path.dropFirst(3).prefix { $0 != "/" && $0 != "?" }
        return session.isEmpty ? nil : String(session)
    }

    /// `<session>.sessions.localhost:<port>` for a gateway at `base` (`https://127.0.0.1:<port>`).
    static func sessionAuthority(_ session: String, base: String) -> String {
        "\(session).sessions.localhost:\(base.split(separator: ":").last ?? "")"
    }

    /// The origin of a session's own pages on this gateway.
    func sessionOrigin(_ session: String) -> String { "https://" + Self.sessionAuthority(session, base: origin) }

    /// `__Host-atrium_s=…`: a pass into `session` for the log-on of `cookie` (`__Host-atrium_session=…`),
    /// made through the catalog as the portal's handover makes it, but for any session (a test of
    /// the session host's own checks needs another user's pass too); any other cookie as it is.
    func pass(for cookie: String, session: String) async throws -> String {
        let name = SessionCookie.name + "="
        var pairs = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let index = pairs.firstIndex(where: { $0.hasPrefix(name) }) else { return cookie }
        let secret = String(pairs[index].dropFirst(name.count))
        let ticket = try #require(try await catalog.createSessionTicket(webSessionSecret: secret, sessionId: session))
        pairs[index] = SessionPassCookie.name + "=" + (try #require(try await catalog.redeemSessionTicket(ticket, sessionId: session)).pass)
        return pairs.joined(separator: "; ")
    }

    /// `Host`, `Origin` and `Cookie` (the pass for `cookie`'s log-on) of a same-origin request of a
    /// session's own page, for a gateway at `base` (`origin` unless told).
    func sessionHeaders(_ session: String, cookie: String, base: String? = nil) async throws -> [(String, String)] {
        let authority = Self.sessionAuthority(session, base: base ?? origin)
        return [("Host", authority), ("Origin", "https://" + authority), ("Cookie", try await pass(for: cookie, session: session))]
    }

    /// Another user's request into the session at `prefix` and the owner's into a session that does not
    /// exist get the same 404 problem: the proxy does not tell whose sessions exist.
    func expectOthersSeeNoSession(_ prefix: String) async throws {
        let other = try await request(.GET, prefix + "/echo/x", cookie: otherCookie)
        #expect(other.status == .notFound)
        #expect(other.headers.first(name: "Content-Type") == "application/problem+json")
        let unknown = try await request(.GET, "/s/no-such-session/echo/x", cookie: ownerCookie)
        #expect(unknown.status == .notFound)
    }

    /// A client that trusts only the PEM certificate at `path` and follows no redirects.
    static func client(trusting path: String) throws -> HTTPClient {
        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
        return HTTPClient(configuration: .init(tlsConfiguration: trusting, redirectConfiguration: .disallow))
    }
}
