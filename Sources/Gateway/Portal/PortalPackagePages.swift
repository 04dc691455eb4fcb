import Catalog
import Hummingbird

/// `/packages`: the runtime packages; publishers upload through `portal.js` to
/// `POST /api/v1/packages`, admins delete (after a confirmation).
enum PortalPackagePages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let offset = Int(call.request.query("offset") ?? "") ?? 0
            let packages = try await call.catalog.listPackages(PageRequest(limit: 200, offset: max(0, offset))).map { package -> [String: Any] in
                ["name": package.name, "version": package.version, "platform": package.platform,
                 "size": PortalFormat.size(package.size), "uploadedAt": PortalFormat.date(package.uploadedAt)]
            }
            return PortalView("packages", title: "Packages", ["packages": packages])
        }
        portal.page("/packages", page)
        portal.form("/packages/delete", access: .admin, page: page) { call, form in
            let name = try form.require("name", "the package name")
            let version = try form.require("version", "the package version")
            guard PortalConfirmation.given(form) else {
                return .confirm(PortalConfirmation(
                    question: "Delete package \(name) \(version)?",
                    consequence: "It is removed from the catalog (refused while an app version runs on it); its files are freed by the store's garbage collection. This cannot be undone.",
                    button: "Delete the package", back: "/packages"))
            }
            try await call.catalog.deletePackage(name: name, version: version, by: call.actor)
            return .redirect("/packages", message: "Package \(name) \(version) deleted.")
        }
    }
}
