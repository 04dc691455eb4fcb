import Foundation

/// A published app: a name, a title, and which of its versions is `latest`.
///
/// Rights are per app in this first cut (not per version): every version of an app, old and
/// new, is reached through the same grants, so a new version needs no copy of them.
public struct App: Sendable, Hashable, Identifiable {
    public let id: String
    /// `[a-z0-9][a-z0-9._+-]{0,127}`.
    public let name: String
    public let title: String
    /// What the app is for, in a sentence or two (the catalogue shows it); may be empty.
    public var description: String = ""
    /// The version launched by default, or nil before the first version.
    public let latestVersion: String?
    public let createdAt: Date
}
