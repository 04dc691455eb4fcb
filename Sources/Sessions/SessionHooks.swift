/// What the gateway wants to hear from sessions and jobs, given when they are made: a session's
/// proxy route went away (close its sockets), a session token was revoked (drop it from the token
/// cache at once). Both default to doing nothing.
public struct SessionHooks: Sendable {
    let routeRemoved: @Sendable (_ session: String) -> Void
    let tokenRevoked: @Sendable (_ tokenId: String) -> Void

    public init(routeRemoved: @escaping @Sendable (_ session: String) -> Void = { _ in },
                tokenRevoked: @escaping @Sendable (_ tokenId: String) -> Void = { _ in }) {
        self.routeRemoved = routeRemoved
        self.tokenRevoked = tokenRevoked
    }

    func removedRoute(session: String) {
        routeRemoved(session)
    }

    func revokedToken(id: String) {
        tokenRevoked(id)
    }
}
