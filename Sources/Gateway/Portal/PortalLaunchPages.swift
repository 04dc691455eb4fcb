import Catalog
import Foundation
import Hummingbird

/// Launching an app from the portal, with a progress page as JupyterHub's spawn-pending page:
///
/// - `GET /apps/:app/launch[?case=ID][&version=V]` checks the launch as the API does (the launch
///   right, the case visible to the caller) and shows "Starting …" with the elapsed time.
///   `portal.js` then starts the session with `POST /api/v1/sessions` (which answers once the
///   runtime is ready), moves on to the session's `/s/{id}/` (replacing the progress page in the
///   history) or says in words why it did not start. With `case`, the runtime opens that case
///   ("Open in app" on a case page).
/// - `POST /apps/:app/launch` does the same without script (the page's `<noscript>` form): it
///   waits for the session and redirects to it, or shows the failure on the launch page.
///
/// The cookie is `SameSite=Strict`, so another site cannot make a logged-on browser launch by
/// linking to the page.
enum PortalLaunchPages {
    static func add(_ portal: Portal) {
        portal.page("/apps/:app/launch") { call in
            try await view(call, caseId: call.request.query("case"), version: call.request.query("version"), start: true)
        }
        let failed: Portal.Page = { call in try await view(call, caseId: nil, version: nil, start: false) }
        portal.form("/apps/:app/launch", page: failed) { call, form in
            let app = try call.parameter("app")
            let caseId = form["case"], version = form["version"]
            _ = try await view(call, caseId: caseId, version: version, start: false)  // the same checks as the page
            let record = try await call.services.sessions.manager.launch(userId: call.user.id, app: app, version: version, caseId: caseId)
            return .redirect("/s/\(record.id)/", message: "")
        }
    }

    /// The launch page after the API's checks: 404 or 403 in words when the caller may not launch
    /// the app or open the case in it, 409 when the app has no version to launch.
    static func view(_ call: PortalCall, caseId: String?, version: String?, start: Bool) async throws -> PortalView {
        let name = try call.parameter("app")
        let rights = try await SessionRoutes.requireLaunchRight(call.catalog, userId: call.user.id, app: name)
        guard let app = try await call.catalog.app(named: name) else { throw Problem.notFound("There is no app '\(name.prefix(64))'.") }
        var values: [String: Any] = ["app": ["name": app.name, "title": app.title], "start": start]
        if let version {
            guard let found = try await call.catalog.version(app: name, version: version), !found.hidden || rights.contains(.publish) else {
                throw Problem.notFound("App \(name) has no version '\(version.prefix(64))'.")
            }
            values["version"] = version
        } else if app.latestVersion == nil {
            throw Problem.conflict("App \(app.title) has no version to launch yet: a publisher has to upload one first.")
        }
        if let caseId {
            let (record, _) = try await CaseRoutes.visibleCase(caseId, call.user.id, call.catalog)
            guard record.app == app.name else { throw Problem.badRequest("Case \(record.name) belongs to app \(record.app), not \(app.name).") }
            values["case"] = ["id": record.id, "name": record.name]
        }
        return PortalView("launch", title: "Starting \(app.title)", values)
    }
}
