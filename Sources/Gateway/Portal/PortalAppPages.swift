import Catalog
import Foundation
import Hummingbird

/// The catalogue (`/`: the apps the user may launch, **Launch** first), the list of every app
/// they can see with the "New app" form for publishers (`/apps`), an app's page (`/apps/:app`)
/// with its versions and rights, and the forms that create an app, set latest, hide or show a
/// version, roll back and change rights. Version uploads go through `portal.js` to
/// `POST /api/v1/apps/{app}/versions`.
enum PortalAppPages {
    static func add(_ portal: Portal) {
        portal.page("/") { call in
            var rows: [[String: Any]] = []
            for app in try await call.catalog.listApps(visibleTo: call.user.id) {
                guard let latest = app.latestVersion, try await launchable(call, app.name),
                      let version = try await call.catalog.version(app: app.name, version: latest) else { continue }
                rows.append(["name": app.name, "title": app.title, "description": app.description,
                             "hasDescription": !app.description.isEmpty, "latest": latest,
                             "publishedAt": PortalFormat.date(version.uploadedAt), "untitled": app.title == app.name])
            }
            return PortalView("home", title: "Apps", ["apps": rows, "hasApps": !rows.isEmpty])
        }

        let apps: Portal.Page = { call in
            var rows: [[String: Any]] = []
            for app in try await call.catalog.listApps(visibleTo: call.user.id) {
                let versions = try await call.catalog.listVersions(app: app.name)
                let canLaunch = app.latestVersion == nil ? false : try await launchable(call, app.name)
                rows.append(["name": app.name, "title": app.title, "latest": app.latestVersion ?? "none yet",
                             "versions": versions.count, "canLaunch": canLaunch])
            }
            let title = Access.publisher.admits(call.user.role) ? "Manage apps" : "All apps you can see"
            return PortalView("apps", title: title, ["apps": rows, "hasApps": !rows.isEmpty])
        }
        portal.page("/apps", apps)
        portal.form("/apps", access: .publisher, page: apps) { call, form in
            let name = try form.require("name", "the app's name")
            guard CatalogName.isValidObjectName(name) else { throw Problem.badRequest(PortalNames.objectRule("An app's name")) }
            let title = form["title"] ?? name
            guard CatalogName.isValidLabel(title) else { throw Problem.badRequest(PortalNames.labelRule("The title")) }
            let description = (form["description"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            guard CatalogName.isValidDescription(description) else {
                throw Problem.badRequest("The description can be at most 2,000 characters of plain text.")
            }
            let app = try await call.catalog.createApp(name: name, title: title, description: description, by: call.actor)
            // As POST /api/v1/apps: the creator gets the read and publish rights on it.
            for right in [Right.read, .publish] {
                try await call.catalog.grant(app: app.name, subject: .user(call.user.id), right: right, by: call.actor)
            }
            return .redirect("/apps/\(app.name)", message: "App \(app.name) created. Upload its first version below.")
        }

        let appPage: Portal.Page = { call in
            let name = try call.parameter("app")
            let (app, rights) = try await readable(call, name)
            let canPublish = Access.publisher.admits(call.user.role) && rights.contains(.publish)
            let all = try await call.catalog.listVersions(app: name, includeHidden: canPublish)
            let versions = all.map { version -> [String: Any] in
                ["version": version.version, "runtime": "\(version.runtimeName)@\(version.runtimeVersion)",
                 "uploadedAt": PortalFormat.date(version.uploadedAt), "hidden": version.hidden, "isLatest": version.isLatest]
            }
            var grants: [[String: Any]] = []
            if canPublish {
                for grant in try await call.catalog.grants(app: name) {
                    let (kind, id, label) = try await describe(grant.subject, call.catalog)
                    grants.append(["kind": kind, "id": id, "name": label, "right": grant.right.rawValue, "effect": grant.effect.rawValue])
                }
            }
            let canLaunch = app.latestVersion == nil ? false : try await launchable(call, name)
            var data: [String: Any] = [
                "app": ["name": app.name, "title": app.title, "latest": app.latestVersion ?? "none"],
                "versions": versions, "hasVersions": !versions.isEmpty, "canPublish": canPublish, "grants": grants,
                "canLaunch": canLaunch,
            ]
            if canPublish, let target = AppRollback.target(all.filter { !$0.hidden }) { data["rollbackTo"] = target }
            return PortalView("app", title: app.title == app.name ? "App \(app.name)" : "\(app.title) (\(app.name))", data)
        }
        portal.page("/apps/:app", appPage)

        portal.form("/apps/:app/latest", access: .publisher, page: appPage) { call, form in
            let app = try await publishable(call)
            let version = try form.require("version", "the version")
            try await call.catalog.setLatest(app: app, version: version, by: call.actor)
            return .redirect("/apps/\(app)", message: "Version \(version) is now the latest.")
        }
        portal.form("/apps/:app/hidden", access: .publisher, page: appPage) { call, form in
            let app = try await publishable(call)
            let version = try form.require("version", "the version")
            let hidden = form["hidden"] == "true"
            try await call.catalog.setHidden(app: app, version: version, hidden, by: call.actor)
            return .redirect("/apps/\(app)", message: hidden ? "Version \(version) is hidden." : "Version \(version) is shown again.")
        }
        portal.form("/apps/:app/rollback", access: .publisher, page: appPage) { call, _ in
            let app = try await publishable(call)
            let previous = try await AppRollback.perform(app: app, by: call.actor, call.catalog)
            return .redirect("/apps/\(app)", message: "Rolled back: version \(previous) is now the latest.")
        }
        portal.form("/apps/:app/rights", access: .publisher, page: appPage) { call, form in
            let app = try await publishable(call)
            let subject = try await subject(kind: form["kind"], name: try form.require("name", "a user or group name"), call.catalog)
            guard let right = Right(rawValue: form["right"] ?? ""), let effect = Effect(rawValue: form["effect"] ?? "allow") else {
                throw Problem.badRequest("Choose a right (read, launch, publish) and an effect (allow, deny).")
            }
            try await call.catalog.grant(app: app, subject: subject, right: right, effect: effect, by: call.actor)
            return .redirect("/apps/\(app)", message: "Right \(right.rawValue) (\(effect.rawValue)) granted.")
        }
        portal.form("/apps/:app/rights/remove", access: .publisher, page: appPage) { call, form in
            let app = try await publishable(call)
            let id = try form.require("id", "who")
            let subject: Subject = form["kind"] == "group" ? .group(id) : .user(id)
            guard let right = Right(rawValue: form["right"] ?? "") else { throw Problem.badRequest("Choose a right.") }
            try await call.catalog.revoke(app: app, subject: subject, right: right, by: call.actor)
            return .redirect("/apps/\(app)", message: "Right \(right.rawValue) removed.")
        }
    }

    /// Whether the caller may launch `app` (``LaunchPolicy``).
    static func launchable(_ call: PortalCall, _ app: String) async throws -> Bool {
        try await LaunchPolicy.mayLaunch(call.catalog, userId: call.user.id, app: app)
    }

    /// The app and the caller's rights on it (``AppAccess``).
    static func readable(_ call: PortalCall, _ name: String) async throws -> (App, Set<Right>) {
        try await AppAccess.readable(name, call.identity, call.catalog)
    }

    /// The app's name when the caller may publish it (``AppAccess``).
    static func publishable(_ call: PortalCall) async throws -> String {
        try await AppAccess.publishable(try call.parameter("app"), call.identity, call.catalog).name
    }

    /// A user or group by name.
    static func subject(kind: String?, name: String, _ catalog: Catalog) async throws -> Subject {
        if kind == "group" {
            guard let group = try await catalog.group(named: name) else { throw Problem.notFound("There is no group '\(name.prefix(64))'.") }
            return .group(group.id)
        }
        guard let user = try await catalog.user(named: name.lowercased()) else {
            throw Problem.notFound("There is no user '\(name.prefix(64))'. Use the user's log-on name, as on the Users page.")
        }
        return .user(user.id)
    }

    /// Kind, id and name of a subject, for showing.
    static func describe(_ subject: Subject, _ catalog: Catalog) async throws -> (String, String, String) {
        switch subject {
        case .user(let id): return ("user", id, try await catalog.user(id: id)?.name ?? id)
        case .group(let id): return ("group", id, try await catalog.group(id: id)?.name ?? id)
        }
    }
}
