import Synchronization

/// What the gateway wants to hear from sessions and jobs, set once when the application is
/// built: a session's proxy route went away (close its sockets), a session token was revoked
/// (drop it from the token cache at once).
public final class SessionHooks: Sendable {
    private let routeRemoved = Mutex<@Sendable (String) -> Void>({ _ in })
    private let tokenRevoked = Mutex<@Sendable (String) -> Void>({ _ in })

    public init() {}

    public func onRouteRemoved(_ handler: @escaping @Sendable (String) -> Void) {
        routeRemoved.withLock { $0 = handler }
    }

    public func onTokenRevoked(_ handler: @escaping @Sendable (String) -> Void) {
        tokenRevoked.withLock { $0 = handler }
    }

    func removedRoute(session: String) {
        routeRemoved.withLock { $0 }(session)
    }

    func revokedToken(id: String) {
        tokenRevoked.withLock { $0 }(id)
    }
}
