import Catalog

/// The one rule for rolling an app back, shared by the API and the portal: the visible version
/// uploaded just before the current latest becomes the latest; 409 when there is none.
enum AppRollback {
    /// Rolls `app` back and returns the version that is now the latest.
    static func perform(app: String, by actor: AuditActor, _ catalog: Catalog) async throws -> String {
        let visible = try await catalog.listVersions(app: app, includeHidden: false)
        guard let previous = target(visible) else {
            throw Problem.conflict("App '\(app)' has no earlier visible version to roll back to.")
        }
        try await catalog.setLatest(app: app, version: previous, by: actor)
        return previous
    }

    /// The version a roll back makes the latest, given the visible versions newest first; nil
    /// when there is none (the portal then offers no roll back).
    static func target(_ visible: [AppVersion]) -> String? {
        guard let current = visible.firstIndex(where: \.isLatest), current + 1 < visible.count else { return nil }
        return visible[current + 1].version
    }
}
