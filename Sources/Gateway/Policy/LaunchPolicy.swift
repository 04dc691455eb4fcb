import Catalog

/// Who may launch which app version with which case, for `POST /api/v1/sessions` and the
/// portal's launch page and form alike (``SessionManager`` itself checks nothing).
enum LaunchPolicy {
    /// What a launch that passed the checks opens: the app, the version asked for (nil: the
    /// latest), and the case asked for.
    struct Launch {
        let app: App
        let version: String?
        let caseRecord: CaseRecord?
    }

    /// The caller needs the `launch` right on the app (admins have every right); 404 for an app
    /// they cannot see at all, 403 when they see it but may not launch it.
    @discardableResult
    static func requireLaunchRight(_ catalog: Catalog, userId: String, app: String) async throws -> Set<Right> {
        let rights: Set<Right>
        do { rights = try await catalog.effectiveRights(userId: userId, app: app) } catch CatalogError.notFound {
            throw AppAccess.notFound(app)
        }
        guard rights.contains(.read) || rights.contains(.launch) else { throw AppAccess.notFound(app) }
        guard rights.contains(.launch) else { throw Problem.forbidden("You may not launch '\(app)'.") }
        return rights
    }

    /// Whether the caller may launch `app` (for showing a Launch button).
    static func mayLaunch(_ catalog: Catalog, userId: String, app: String) async throws -> Bool {
        do {
            try await requireLaunchRight(catalog, userId: userId, app: app)
            return true
        } catch is Problem {
            return false
        }
    }

    /// Every check of a launch: the launch right; a hidden version only for those who may publish
    /// the app (to try it), 404 otherwise; 409 when no version is named and the app has none yet;
    /// the case visible to the caller (404) and of this app (400).
    @discardableResult
    static func check(_ catalog: Catalog, userId: String, app name: String, version: String?, caseId: String?) async throws -> Launch {
        let rights = try await requireLaunchRight(catalog, userId: userId, app: name)
        guard let app = try await catalog.app(named: name) else { throw AppAccess.notFound(name) }
        if let version {
            guard let found = try await catalog.version(app: name, version: version), !found.hidden || rights.contains(.publish) else {
                throw Problem.notFound("App \(name) has no version '\(version.prefix(64))'.")
            }
        } else if app.latestVersion == nil {
            throw Problem.conflict("App \(app.title) has no version to launch yet: a publisher has to upload one first.")
        }
        var caseRecord: CaseRecord?
        if let caseId {
            let (record, _) = try await CaseVisibility.visible(caseId, userId: userId, catalog)
            guard record.app == app.name else { throw Problem.badRequest("Case \(record.name) belongs to app \(record.app), not \(app.name).") }
            caseRecord = record
        }
        return Launch(app: app, version: version, caseRecord: caseRecord)
    }
}
