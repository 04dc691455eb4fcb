import Synchronization

/// Every API route and component schema registered so far, and every portal page and form; the
/// source of the OpenAPI document and of the authorization-matrix tests.
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
}
