import HTTPTypes

/// One registered portal page (GET) or form (POST), as ``RouteTable/portalRoutes`` lists them
/// for the authorization matrix: the method, the Hummingbird path (`/apps/:app`) and the role the
/// portal admits before the page's own checks.
public struct PortalRoute: Sendable, Hashable, CustomStringConvertible {
    public let method: HTTPRequest.Method
    public let path: String
    public let access: Access

    public var description: String { "\(method) \(path)" }
}
