import Catalog

/// Who may call a route. Every API route declares one; per-object checks (owning a case, a right
/// on an app) happen in the handler on top of it.
public enum Access: String, Sendable, CaseIterable {
    /// Anyone, logged on or not.
    case anonymous
    /// Any logged-on user.
    case user
    /// Publishers and admins.
    case publisher
    /// Admins only.
    case admin

    /// True when a user of `role` passes this level.
    public func admits(_ role: Role) -> Bool {
        switch self {
        case .anonymous, .user: true
        case .publisher: role == .publisher || role == .admin
        case .admin: role == .admin
        }
    }
}
