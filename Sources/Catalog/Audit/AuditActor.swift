/// Who made a change, as written to the audit log: a user id, or the system itself.
public enum AuditActor: Hashable, Sendable, CustomStringConvertible {
    case system
    case user(String)

    /// The text stored in `audit.actor`: the user id or `system`.
    public var description: String {
        switch self {
        case .system: "system"
        case .user(let id): id
        }
    }
}
