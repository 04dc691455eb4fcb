import Hummingbird

/// Adds the security headers to every response, errors included.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The headers and their values, as sent.
    public static var headers: HTTPFields {
        [
            .strictTransportSecurity: "max-age=31536000",
            .xContentTypeOptions: "nosniff",
            // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts,
            // and the portal's log-on form is guarded by its Origin. Nothing leaks to other sites either way.
            .init("Referrer-Policy")!: "same-origin",
            .contentSecurityPolicy: "default-src 'self'",
            .init("X-Frame-Options")!: "DENY",
        ]
    }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for field in Self.headers { response.headers[field.name] = field.value }
        return response
    }
}
