/// Whether a grant allows or denies a right. A deny, on the user or any of their groups, wins
/// over every allow.
public enum Effect: String, Sendable, Hashable, CaseIterable, Codable {
    case allow, deny
}
