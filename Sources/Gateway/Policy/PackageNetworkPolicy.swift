import Catalog

/// Who may allow or withdraw a runtime package's network, and how, for
/// `PUT /api/v1/packages/{name}/{version}/network` and the portal's package page alike: admins
/// only (403 for anyone else); the declaration the admin saw is kept in the audit entry.
enum PackageNetworkPolicy {
    static func set(name: String, version: String, allowed: Bool, by user: User, _ services: AtriumServices) async throws -> APIPackageNetwork {
        guard user.role == .admin else { throw Problem.forbidden("Only an administrator may allow or withdraw a package's network.") }
        let before = try await APIPackageNetwork.load(name: name, version: version, services)
        do {
            try await services.catalog.setPackageNetwork(name: name, version: version, allowed: allowed, reason: before.declaredReason,
                                                         by: .user(user.id))
        } catch CatalogError.notFound {
            throw PackageRoutes.notFound(name, version)
        }
        return try await APIPackageNetwork.load(name: name, version: version, services)
    }
}
