/// What an API token may do. `read` covers safe methods, `write` every other method, and
/// `admin` is needed in addition for admin-only routes (and only works for admin users).
public enum TokenScope: String, Sendable, CaseIterable, Codable {
    case read, write, admin
    /// A data or optimization session's token (docs/runtime.md): only routes marked
    /// `sessionCallable` (cases and jobs) accept it; users cannot mint it.
    case session
}
