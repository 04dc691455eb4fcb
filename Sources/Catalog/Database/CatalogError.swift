/// Everything the catalog refuses or fails at, each with a one-line human description.
public enum CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No `kind` named `name` (e.g. `notFound("user", "alice")`).
    case notFound(String, String)
    /// The change collides with what is stored (duplicate name, write-once, stale head, in use).
    case conflict(String)
    /// A malformed name, value or range.
    case invalidArgument(String)
    /// The caller may not do this.
    case forbidden(String)
    /// The database failed or answered something unexpected.
    case database(String)
    /// A license limit is reached; the text names it ("all 10 data-session seats are in use").
    case limitReached(String)
    /// A cluster master decision carried a fencing token that is no longer the lease's (another
    /// node took over, or the lease lapsed): nothing was changed, and the caller must stop acting
    /// as master. The text says which token was carried and what the lease is now.
    case staleFence(String)
    /// A user's quota would be passed (the gateway answers 429 for a count, 413 for a size).
    case quotaExceeded(QuotaExceeded)

    public var description: String {
        switch self {
        case .notFound(let kind, let name): "\(kind) '\(name)' not found"
        case .conflict(let what): "conflict: \(what)"
        case .invalidArgument(let what): "invalid argument: \(what)"
        case .forbidden(let what): "forbidden: \(what)"
        case .database(let what): "database error: \(what)"
        case .limitReached(let what): "license limit reached: \(what)"
        case .staleFence(let what): "stale master fence: \(what)"
        case .quotaExceeded(let what): what.description
        }
    }
}
