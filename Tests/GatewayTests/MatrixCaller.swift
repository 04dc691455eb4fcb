/// The five callers of the authorization matrix.
enum MatrixCaller: String, CaseIterable, Sendable, CustomStringConvertible {
    case anonymous
    /// alice, a plain user who owns the fixtures (her case, her token) and may read the demo app.
    case user
    /// bob, another plain user with no rights on alice's things.
    case other
    /// pat, a publisher who created the demo app (publish right).
    case publisher
    case admin

    var description: String { rawValue }

    /// The account behind the caller (nil for anonymous).
    var account: String? {
        switch self {
        case .anonymous: nil
        case .user: "alice"
        case .other: "bob"
        case .publisher: "pat"
        case .admin: "admin"
        }
    }
}
