import HTTPTypes
import Hummingbird

/// Answers `405 Method Not Allowed` with `Allow` (the methods the route table lists for the path)
/// when a request to a known `/api/` path uses a method it does not list; the router found no
/// route and threw 404. Unknown paths stay 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AtriumRequestContext
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            guard path.hasPrefix("/api/"), let allowed = table.methods(at: path), !allowed.contains(request.method) else { throw error }
            let list = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            var problem = Problem(status: .methodNotAllowed, detail: "\(request.method.rawValue) is not allowed here; use \(list).")
            problem.headers["Allow"] = list
            throw problem
        }
    }
}
