import Foundation

/// What the editor shows about its app (the `app` message sent first on every socket): the
/// title, the descriptions of the model's names (`app.json` first, then the model's comments),
/// the objective, the charts and where the portal is.
struct EditorApp: Sendable, Encodable, Equatable {
    var name: String
    var version: String?
    var title: String
    var description: String?
    var descriptions: [String: String]
    var labels: [String: String]
    var charts: [AppChart]
    /// The objective's name and `minimize` or `maximize`, when the model has one.
    var objective: String?
    var sense: String?
    /// The portal's address as the browser sees it: `ATRIUM_PORTAL_URL` (a session's page is on a
    /// host of its own), else its path worked out from the base path (`/` for `/s/<id>/`).
    var portal: String

    /// Reads `app.json` and `model.mod` of the app directory; `problems` says what could not be read.
    static func load(appDirectory: String, name: String, version: String?, basePath: String?,
                     portalURL: String? = nil) -> (EditorApp, problems: [String]) {
        var problems: [String] = []
        let (manifest, manifestProblem) = AppManifest.load(appDirectory + "/app.json")
        if let manifestProblem { problems.append(manifestProblem) }
        var model = ModelDeclarations(model: "")
        if let text = try? String(contentsOfFile: appDirectory + "/model.mod", encoding: .utf8) {
            model = ModelDeclarations(model: text)
        } else {
            problems.append("cannot read \(appDirectory)/model.mod")
        }
        let descriptions = model.comments.merging(manifest.descriptions ?? [:]) { _, given in given }
        let title = manifest.title?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty ?? name
        let app = EditorApp(name: name, version: version, title: title,
                            description: manifest.description, descriptions: descriptions, labels: manifest.labels ?? [:],
                            charts: manifest.charts ?? [], objective: model.objective?.name, sense: model.objective?.kind,
                            portal: portalURL ?? portalPath(basePath: basePath))
        return (app, problems)
    }

    /// `/s/<id>/` → `/`; `/atrium/s/<id>/` → `/atrium/`; anything else → `/`.
    static func portalPath(basePath: String?) -> String {
        guard let basePath else { return "/" }
        var parts = basePath.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[parts.count - 2] == "s" else { return "/" }
        parts.removeLast(2)
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
