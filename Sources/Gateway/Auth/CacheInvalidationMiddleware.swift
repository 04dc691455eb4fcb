import Hummingbird

/// Clears the list caches after every state-changing request (anything but GET and HEAD),
/// whatever its outcome, before the response leaves: a client that changed something and then
/// lists never sees the list from before its change.
public struct CacheInvalidationMiddleware: RouterMiddleware {
    public typealias Context = AtriumRequestContext
    let services: AtriumServices

    public init(services: AtriumServices) { self.services = services }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        defer { services.appListCache.invalidateAll() }
        return try await next(request, context)
    }
}
