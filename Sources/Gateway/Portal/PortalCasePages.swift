import Catalog
import Hummingbird

/// `/cases` (own and shared cases, `?app=` for one app's; a new one is uploaded through
/// `portal.js` to `POST /api/v1/cases`) and `/cases/:case` (history with downloads, which
/// restore a version; **Open in app**, which launches the app with the case opened; a new
/// version; solve; shares; delete after a confirmation).
enum PortalCasePages {
    static func add(_ portal: Portal) {
        portal.page("/cases") { call in
            let only = call.request.query("app")
            var names: [String: String] = [:]
            var rows: [[String: Any]] = []
            for record in try await call.catalog.casesVisible(to: call.user.id) where only == nil || record.app == only {
                if names[record.ownerId] == nil { names[record.ownerId] = try await call.catalog.user(id: record.ownerId)?.name ?? "?" }
                rows.append(["id": record.id, "name": record.name, "app": record.app, "owner": names[record.ownerId] ?? "?",
                             "head": record.headNumber, "updatedAt": PortalFormat.date(record.updatedAt)])
            }
            let apps = try await call.catalog.listApps(visibleTo: call.user.id).map { ["name": $0.name, "selected": $0.name == only] }
            var values: [String: Any] = ["cases": rows, "apps": apps, "hasApps": !apps.isEmpty]
            if let only { values["only"] = only }
            return PortalView("cases", title: only.map { "Cases of \($0)" } ?? "Cases", values)
        }

        portal.page("/cases/:case", casePage)

        portal.form("/cases/:case/share", page: casePage) { call, form in
            let record = try await owned(call)
            let subject = try await PortalAppPages.subject(kind: form["kind"], name: try form.require("name", "a user or group name"), call.catalog)
            guard let access = CaseAccess(rawValue: form["access"] ?? ""), access != .owner else {
                throw Problem.badRequest("Choose read or write access.")
            }
            try await call.catalog.shareCase(caseId: record.id, with: subject, access: access, by: call.actor)
            return .redirect("/cases/\(record.id)", message: "Case shared (\(access.rawValue)).")
        }
        portal.form("/cases/:case/unshare", page: casePage) { call, form in
            let record = try await owned(call)
            let id = try form.require("id", "who")
            try await call.catalog.unshareCase(caseId: record.id, with: form["kind"] == "group" ? .group(id) : .user(id), by: call.actor)
            return .redirect("/cases/\(record.id)", message: "No longer shared.")
        }
        portal.form("/cases/:case/delete", page: casePage) { call, form in
            let record = try await owned(call)
            guard PortalConfirmation.given(form) else {
                let shared = try await call.catalog.caseShares(caseId: record.id).isEmpty ? "" : " Those it is shared with lose it too."
                return .confirm(PortalConfirmation(
                    question: "Delete case \(record.name)?",
                    consequence: (record.headNumber == 1 ? "Its only version is deleted" : "All \(record.headNumber) of its versions are deleted")
                        + "; this cannot be undone.\(shared)",
                    button: "Delete the case", back: "/cases/\(record.id)"))
            }
            try await call.catalog.deleteCase(caseId: record.id, by: call.actor)
            return .redirect("/cases", message: "Case \(record.name) deleted.")
        }
    }

    static let casePage: Portal.Page = { call in
        let (record, access) = try await visible(call)
        var history: [[String: Any]] = []
        for version in try await call.catalog.caseHistory(caseId: record.id).sorted(by: { $0.number > $1.number }) {
            let savedBy = try await userName(version.savedBy, call.catalog)
            history.append(["number": version.number, "size": PortalFormat.size(version.size),
                            "savedAt": PortalFormat.date(version.savedAt), "savedBy": savedBy])
        }
        var shares: [[String: Any]] = []
        if access == .owner {
            for share in try await call.catalog.caseShares(caseId: record.id) {
                let (kind, id, name) = try await PortalAppPages.describe(share.subject, call.catalog)
                shares.append(["kind": kind, "id": id, "name": name, "access": share.access.rawValue])
            }
        }
        let owner = try await userName(record.ownerId, call.catalog)
        let hasVersion = try await call.catalog.app(named: record.app)?.latestVersion != nil
        let canLaunch = hasVersion ? try await PortalAppPages.launchable(call, record.app) : false
        return PortalView("case", title: "Case \(record.name)", [
            "case": ["id": record.id, "name": record.name, "app": record.app, "owner": owner],
            "history": history, "shares": shares, "isOwner": access == .owner, "canWrite": access >= .write,
            "canLaunch": canLaunch,
        ])
    }

    /// The case named in the path and the caller's access (``CaseVisibility``).
    static func visible(_ call: PortalCall) async throws -> (CaseRecord, CaseAccess) {
        try await CaseVisibility.visible(try call.parameter("case"), userId: call.user.id, call.catalog)
    }

    /// The case named in the path when the caller owns it (``CaseVisibility``).
    static func owned(_ call: PortalCall) async throws -> CaseRecord {
        try await CaseVisibility.owned(try call.parameter("case"), userId: call.user.id, call.catalog)
    }

    static func userName(_ id: String, _ catalog: Catalog) async throws -> String {
        try await catalog.user(id: id)?.name ?? id
    }
}
