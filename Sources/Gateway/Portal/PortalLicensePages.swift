import Catalog
import Foundation
import Hummingbird
import Sessions
import Store

/// `/admin/license`: the license in force (or why the installed one does not count), seats in
/// use per app and user, the latest seats taken (user names, not ids), installing a license
/// (pasted .atlic) and the CSV export.
enum PortalLicensePages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let report = try await LicenseRoutes.report(call.catalog, unlicensed: call.services.configuration.unlicensedLimits)
            var names = PortalNameBook(call.catalog)
            var recent: [[String: Any]] = []
            for seat in try await call.catalog.seatHistory(from: nil, to: nil, userId: nil, app: nil, limit: 50) {
                recent.append(["kind": seat.kind == .data ? "data session" : "optimization", "user": try await names.user(seat.userId),
                               "app": seat.app, "node": seat.node, "takenAt": PortalFormat.date(seat.takenAt),
                               "returnedAt": seat.returnedAt.map(PortalFormat.date) ?? "in use"])
            }
            var byUser: [[String: Any]] = []
            for use in report.byUser {
                byUser.append(["name": try await names.user(use.name), "data": use.dataSessions, "solve": use.optimizationSessions])
            }
            let byApp = report.byApp.map { ["name": $0.name, "data": $0.dataSessions, "solve": $0.optimizationSessions] }
            var values: [String: Any] = [
                "licensed": report.licensed, "licensee": report.licensee ?? "", "installed": report.id != nil,
                "expires": report.expires.map(PortalFormat.date) ?? "",
                "limits": ["data": report.limits.dataSessions, "solve": report.limits.optimizationSessions, "named": report.limits.namedUsers],
                "inUse": ["data": report.inUse.dataSessions, "solve": report.inUse.optimizationSessions, "named": report.inUse.namedUsers],
                "byApp": byApp, "byUser": byUser, "recent": recent,
            ]
            if let problem = report.problem, !problem.isEmpty { values["problem"] = problem }
            return PortalView("license", title: "License", values)
        }
        portal.page("/admin/license", access: .admin, page)
        portal.form("/admin/license", access: .admin, page: page) { call, form in
            let text = try form.require("license", "the license file's content")
            let statement = try await LicenseInstall.perform(Array(text.utf8), services: call.services, by: call.actor)
            return .redirect("/admin/license", message: "License for \(statement.licensee) installed.")
        }
    }
}
