/// What a user is in the whole installation: an admin may do everything, a publisher uploads
/// packages and app versions, a user works with the apps they have rights to.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case admin, publisher, user
}
