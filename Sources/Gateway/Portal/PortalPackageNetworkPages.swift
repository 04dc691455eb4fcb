import Catalog
import Hummingbird

/// `/packages/:name/:version/network` (admins): what the package's signed manifest declares about
/// the network and whether it is allowed, with a form to allow or withdraw it: the same policy as
/// `PUT /api/v1/packages/{name}/{version}/network` (``PackageNetworkPolicy``).
enum PortalPackageNetworkPages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let (name, version) = try nameAndVersion(call)
            let network = try await APIPackageNetwork.load(name: name, version: version, call.services)
            var values: [String: Any] = ["name": name, "version": version, "allowed": network.allowed, "granted": network.granted]
            if let reason = network.declaredReason { values["declared"] = ["reason": reason] }
            if let unreadable = network.unreadable { values["unreadable"] = unreadable }
            if let by = network.allowedBy, let at = network.allowedAt {
                let who = (try? await call.catalog.user(id: by))?.name ?? by
                values["allowance"] = ["by": who, "at": PortalFormat.date(at)]
            }
            return PortalView("packageNetwork", title: "Network of \(name) \(version)", values)
        }
        portal.page("/packages/:name/:version/network", access: .admin, page)
        portal.form("/packages/:name/:version/network", access: .admin, page: page) { call, form in
            let (name, version) = try nameAndVersion(call)
            let allowed: Bool
            switch form.raw("allowed") {
            case "true": allowed = true
            case "false": allowed = false
            default: throw Problem.badRequest("Say whether the network is allowed (allowed=true or false).")
            }
            _ = try await PackageNetworkPolicy.set(name: name, version: version, allowed: allowed, by: call.user, call.services)
            return .redirect("/packages/\(name)/\(version)/network",
                             message: allowed ? "The network is allowed for \(name) \(version) from its next session or solve on."
                                 : "The network is withdrawn from \(name) \(version) from its next session or solve on.")
        }
    }

    static func nameAndVersion(_ call: PortalCall) throws -> (String, String) {
        let name = try call.parameter("name"), version = try call.parameter("version")
        guard CatalogName.isValidObjectName(name), CatalogName.isValidObjectName(version) else { throw PackageRoutes.notFound(name, version) }
        return (name, version)
    }
}
