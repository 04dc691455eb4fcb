/// Where a user's effective limit comes from: their own, the most generous of their groups'
/// (by the group's id), or the server's default.
public enum QuotaSource: Sendable, Hashable {
    case user
    case group(String)
    case serverDefault
}
