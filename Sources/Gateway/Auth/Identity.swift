import Catalog

/// An authenticated caller: the user, and how they proved it.
public struct Identity: Sendable {
    public let user: User
    public let method: AuthMethod

    /// The key rate limits count against: the token or the user's portal log-on.
    public var rateKey: String {
        switch method {
        case .token(let id, _): "token:" + id
        case .session: "user:" + user.id
        }
    }
}
