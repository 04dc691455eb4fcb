import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

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

    /// A client that trusts only the PEM certificate at `path` and follows no redirects.
    static func client(trusting path: String) throws -> HTTPClient {
        var trusting = TLSConfiguration.makeClientConfiguration()
        trusting.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
        return HTTPClient(configuration: .init(tlsConfiguration: trusting, redirectConfiguration: .disallow))
    }
}
