/// How a caller authenticated.
public enum AuthMethod: Sendable {
    /// A portal log-on cookie. State-changing requests must echo `csrf` in `X-CSRF-Token`
    /// (API) or the `_csrf` form field (portal forms).
    case session(secret: String, csrf: String)
    /// An API token (`Authorization: Bearer atr_…`) with its scopes.
    case token(id: String, scopes: Set<TokenScope>)
}
