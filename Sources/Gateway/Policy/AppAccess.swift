import Catalog

/// The per-app rules on top of a route's role check: an app the caller may not read does not
/// exist for them (404, so names do not leak); publishing needs the publish right on the app as
/// well as the publisher role. Admins hold every right. The API's app routes and the portal's app
/// pages both ask here, so they cannot answer differently.
enum AppAccess {
    /// The app named `name` and the caller's effective rights on it; 404 unless they may read it.
    static func readable(_ name: String, _ identity: Identity, _ catalog: Catalog) async throws -> (App, Set<Right>) {
        guard CatalogName.isValidObjectName(name), let app = try await catalog.app(named: name) else { throw notFound(name) }
        let rights = try await catalog.effectiveRights(userId: identity.user.id, app: app.name)
        guard rights.contains(.read) else { throw notFound(name) }
        return (app, rights)
    }

    /// The app named `name` when the caller may publish it; 404 when they may not read it, 403
    /// when they may read but not publish.
    static func publishable(_ name: String, _ identity: Identity, _ catalog: Catalog) async throws -> App {
        let (app, rights) = try await readable(name, identity, catalog)
        guard rights.contains(.publish) else {
            throw Problem.forbidden("You lack the publish right on app '\(app.name)'.")
        }
        return app
    }

    static func notFound(_ name: String) -> Problem {
        Problem.notFound("There is no app '\(name.prefix(128))'.")
    }
}
