import Catalog
import Foundation
import Hummingbird
import Sessions

/// The user's data sessions (`/sessions`: open, stop, log) and a session's log page. Launching
/// is ``PortalLaunchPages``.
enum PortalSessionPages {
    static func add(_ portal: Portal) {
        let sessionsPage: Portal.Page = { call in
            let records = try await call.catalog.listDataSessions(userId: call.user.id, activeOnly: false, limit: 50)
            let rows = records.map { record -> [String: Any] in
                ["id": record.id, "app": record.app, "version": record.appVersion, "state": record.state.rawValue,
                 "open": record.state == .ready, "stoppable": record.state != .ended,
                 "createdAt": PortalFormat.date(record.createdAt), "ended": record.endReason ?? ""]
            }
            return PortalView("sessions", title: "Sessions", ["sessions": rows, "hasSessions": !rows.isEmpty])
        }
        portal.page("/sessions", sessionsPage)

        portal.form("/sessions/:session/stop", page: sessionsPage) { call, _ in
            let record = try await owned(call)
            guard await call.services.sessions.manager.isLive(record.id) else {
                if record.state == .ended { return .redirect("/sessions", message: "The session had already ended.") }
                try await call.catalog.markDataSessionStopping(id: record.id)
                return .redirect("/sessions", message: "Stopping the session of \(record.app) on node \(record.node).")
            }
            await call.services.sessions.manager.stop(record.id, reason: .requested)
            return .redirect("/sessions", message: "Session of \(record.app) stopped.")
        }

        portal.page("/sessions/:session/log") { call in
            let record = try await owned(call)
            let text = try await call.services.sessions.manager.log(record.id) ?? "(no log)"
            return PortalView("log", title: "Log of \(record.app) session", ["log": text, "back": "/sessions"])
        }
    }

    /// The session named in the path when the caller may see it (``SessionVisibility``).
    static func owned(_ call: PortalCall) async throws -> DataSessionRecord {
        try await SessionVisibility.visible(try call.parameter("session"), call.user, call.catalog)
    }
}
