import Hummingbird
import HTTPTypes

/// Refuses (403) every request without `X-Atrium-Proxy-Secret: <secret>`, WebSocket upgrades
/// included, except the readiness probe `GET /healthz`. Only the gateway's proxy knows the
/// secret, so nothing else on the machine can reach the session through its loopback port.
struct ProxySecretMiddleware<Context: RequestContext>: RouterMiddleware {
    static var header: HTTPField.Name { HTTPField.Name("X-Atrium-Proxy-Secret")! }

    let secret: [UInt8]

    init(secret: String) { self.secret = Array(secret.utf8) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get, request.uri.path == "/healthz" { return try await next(request, context) }
        guard let given = request.headers[Self.header], Self.constantTimeEqual(Array(given.utf8), secret) else {
            return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: .init(string: "Forbidden\n")))
        }
        return try await next(request, context)
    }

    /// Equal bytes, in time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 && !b.isEmpty
    }
}
