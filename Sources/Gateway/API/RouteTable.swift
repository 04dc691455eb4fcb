import HTTPTypes
import Synchronization

/// Every API route and component schema registered so far, and every portal page and form; the
/// source of the OpenAPI document, of the methods a path allows, and of the authorization-matrix tests.
public final class RouteTable: Sendable {
    private let state = Mutex<(routes: [APIRoute], schemas: [String: JSONValue], portal: [PortalRoute])>(([], [:], []))

    public init() {}

    public var routes: [APIRoute] { state.withLock { $0.routes } }
    public var schemas: [String: JSONValue] { state.withLock { $0.schemas } }
    public var portalRoutes: [PortalRoute] { state.withLock { $0.portal } }

    func add(_ route: APIRoute) {
        state.withLock { $0.routes.append(route) }
    }

    func addPortal(_ route: PortalRoute) {
        state.withLock { $0.portal.append(route) }
    }

    func addSchema(_ name: String, _ schema: JSONValue) {
        state.withLock { $0.schemas[name] = schema }
    }

    /// The methods of the API routes whose path template matches `path` (e.g. `/api/v1/apps/x`
    /// matches `/apps/{app}`), nil when none does. As in the router, a template with more fixed
    /// segments wins over one with a parameter in their place.
    public func methods(at path: String) -> Set<HTTPRequest.Method>? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var best: (fixed: Int, methods: Set<HTTPRequest.Method>)?
        for route in routes {
            let template = route.routerPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            guard template.count == segments.count else { continue }
            var fixed = 0
            let matches = zip(template, segments).allSatisfy { part, segment in
                if part.hasPrefix(":") { return !segment.isEmpty }
                fixed += 1
                return part == segment
            }
            guard matches else { continue }
            if best == nil || fixed > best!.fixed {
                best = (fixed, [route.method])
            } else if fixed == best!.fixed {
                best!.methods.insert(route.method)
            }
        }
        return best?.methods
    }
}
