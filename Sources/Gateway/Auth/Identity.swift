import Catalog

/// An authenticated caller: the user, and how they proved it.
public struct Identity: Sendable {
    public let user: User
    public let method: AuthMethod
    /// The data session or job a runtime's token serves (``TokenReach``); nil for everyone else.
    public let binding: TokenBinding?

    public init(user: User, method: AuthMethod, binding: TokenBinding? = nil) {
        self.user = user
        self.method = method
        self.binding = binding
    }

    /// True when another node of the cluster forwarded the request for ``user``.
    public var forwarded: Bool {
        if case .cluster = method { return true }
        return false
    }

    /// The key rate limits count against: the token or the user's portal log-on.
    public var rateKey: String {
        switch method {
        case .token(let id, _): "token:" + id
        case .session, .cluster, .pass: "user:" + user.id
        }
    }
}
