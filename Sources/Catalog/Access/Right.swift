/// What a subject may do with an app.
public enum Right: String, Sendable, Hashable, CaseIterable, Codable {
    /// See the app and its visible versions.
    case read
    /// Start data and optimization sessions of it.
    case launch
    /// Upload versions, set `latest`, hide.
    case publish
}
