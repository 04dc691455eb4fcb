import Hummingbird
import HTTPTypes

/// The editor's pages carry the same policy the gateway's proxy adds (no inline script or
/// style, nothing from other origins), so the UI is written for it and tested under it; and
/// they are not cached, so a session always gets its own runtime version's UI.
struct UIHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: String { "default-src 'self'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}
