/// A successful log-on: the user with the new portal session (its CSRF token in the method),
/// and the session's secret for the cookie.
struct LogOnResult {
    let identity: Identity
    let secret: String
}
