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

    /// The launch page after the API's checks (``LaunchPolicy``): 404 or 403 in words when the
    /// caller may not launch the app or open the case in it, 409 when the app has no version to launch.
    static func view(_ call: PortalCall, caseId: String?, version: String?, start: Bool) async throws -> PortalView {
        let launch = try await LaunchPolicy.check(call.catalog, userId: call.user.id, app: try call.parameter("app"),
                                                  version: version, caseId: caseId)
        try SandboxPolicy.requireRunnable(call.services.sessions.sandbox, "launch")
        var values: [String: Any] = ["app": ["name": launch.app.name, "title": launch.app.title], "start": start]
        if let version = launch.version { values["version"] = version }
        if let record = launch.caseRecord { values["case"] = ["id": record.id, "name": record.name] }
        return PortalView("launch", title: "Starting \(launch.app.title)", values)
    }
}
