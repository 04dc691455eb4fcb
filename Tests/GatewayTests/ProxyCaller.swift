import AsyncHTTPClient
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
}

extension ProxyCaller {
    var ownerId: String { users.ownerId }
    var otherId: String { users.otherId }
    var ownerCookie: String { users.ownerCookie }
    var otherCookie: String { users.otherCookie }

    /// Sends a request to `base` (`origin` unless told); `cookie` nil is anonymous.
    func request(_ method: HTTPMethod = .GET, _ path: String, to base: String? = nil, cookie: String?, headers: [(String, String)] = [],
                 body: ByteBuffer? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: (base ?? origin) + path)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        return try await client.execute(request, timeout: .seconds(30))
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
