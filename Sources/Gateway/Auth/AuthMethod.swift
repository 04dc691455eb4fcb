/// How a caller authenticated.
public enum AuthMethod: Sendable {
    /// A portal log-on cookie. State-changing requests must echo `csrf` in `X-CSRF-Token`
    /// (API) or the `_csrf` form field (portal forms).
    case session(secret: String, csrf: String)
    /// An API token (`Authorization: Bearer atr_…`) with its scopes.
    case token(id: String, scopes: Set<TokenScope>)
    /// Another node of the cluster, proving itself with the cluster secret, forwarding a request
    /// of a user it authenticated (and whose scopes and Origin it checked) to a session of this
    /// node. Accepted on `/s/…` only (``ClusterAuthMiddleware``); `node` is the sender's address.
    case cluster(from: String)
    /// A pass into one data session (``SessionPassCookie``), on that session's own host only.
    case pass(session: String)
}
