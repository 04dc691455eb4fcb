import Catalog
import Foundation
import Hummingbird
import Sessions
import Store

/// `/admin/license`: the license in force, seats in use per app and user, the latest seats
/// taken, installing a license (pasted .atlic) and the CSV export.
enum PortalLicensePages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let report = try await LicenseRoutes.report(call.catalog, unlicensed: call.services.configuration.unlicensedLimits)
            let recent = try await call.catalog.seatHistory(from: nil, to: nil, userId: nil, app: nil, limit: 50).map { seat -> [String: Any] in
                ["kind": seat.kind.rawValue, "user": seat.userId, "app": seat.app, "node": seat.node,
                 "takenAt": PortalFormat.date(seat.takenAt), "returnedAt": seat.returnedAt.map(PortalFormat.date) ?? "in use"]
            }
            let uses: ([APILicense.Use]) -> [[String: Any]] = { list in
                list.map { ["name": $0.name, "data": $0.dataSessions, "solve": $0.optimizationSessions] }
            }
            return PortalView("license", title: "License", [
                "licensed": report.licensed, "problem": report.problem ?? "", "licensee": report.licensee ?? "",
                "expires": report.expires.map(PortalFormat.date) ?? "",
                "limits": ["data": report.limits.dataSessions, "solve": report.limits.optimizationSessions, "named": report.limits.namedUsers],
                "inUse": ["data": report.inUse.dataSessions, "solve": report.inUse.optimizationSessions, "named": report.inUse.namedUsers],
                "byApp": uses(report.byApp), "byUser": uses(report.byUser), "recent": recent,
            ])
        }
        portal.page("/admin/license", access: .admin, page)
        portal.form("/admin/license", access: .admin, page: page) { call, form in
            let text = try form.require("license", "the license file's content")
            let statement = try await LicenseInstall.perform(Array(text.utf8), services: call.services, by: call.actor)
            return .redirect("/admin/license", message: "License for \(statement.licensee) installed.")
        }
    }
}
