/// What an API token may do. `read` covers safe methods, `write` every other method, and
/// `admin` is needed in addition for admin-only routes (and only works for admin users).
public enum TokenScope: String, Sendable, CaseIterable, Codable {
    case read, write, admin
    /// A data session's token (docs/runtime.md, "The session-scoped token"): only routes marked
    /// `sessionCallable` (cases and jobs) accept it, and only for the cases and jobs bound to it
    /// (``TokenReach``). Users cannot mint it.
    case session
    /// An optimization session's (a job's) token: only the safe `sessionCallable` routes accept
    /// it, and only for reading its input version (``TokenReach``). Users cannot mint it.
    case job

    /// The scopes of tokens Atrium makes for its runtimes, whose reach is bound.
    public static let bound: Set<TokenScope> = [.session, .job]
}
