import Catalog
import Foundation
import Sessions

/// Whether a runtime package gets the network, as the API and the portal's package page show it:
/// what its signed manifest declares and whether an admin allowed it. The sandbox gives it the
/// network only when both hold (`granted`).
public struct APIPackageNetwork: Codable, Sendable, Equatable {
    public let name: String
    public let version: String
    /// The manifest's `network.reason`: why the runtime says it needs the network; absent when it
    /// declares no such need.
    public let declaredReason: String?
    /// Why the manifest could not be read (the package no longer verifies, its archive is
    /// missing); absent when it was read.
    public let unreadable: String?
    /// Whether an admin allowed the network for this package.
    public let allowed: Bool
    public let allowedBy: String?
    public let allowedAt: Date?
    /// Declared and allowed: what its next sessions and solves get.
    public let granted: Bool

    init(name: String, version: String, declaration: RuntimeManifest.NetworkDeclaration?, unreadable: String?,
         allowance: PackageNetworkAllowance?) {
        self.name = name
        self.version = version
        self.declaredReason = declaration?.reason
        self.unreadable = unreadable
        self.allowed = allowance != nil
        self.allowedBy = allowance?.allowedBy
        self.allowedAt = allowance?.allowedAt
        self.granted = declaration != nil && allowance != nil
    }

    public static let schema: JSONValue = .objectSchema([
        "name": .stringSchema, "version": .stringSchema, "declaredReason": .stringSchema, "unreadable": .stringSchema,
        "allowed": .booleanSchema, "allowedBy": .stringSchema, "allowedAt": .dateSchema, "granted": .booleanSchema,
    ], optional: ["declaredReason", "unreadable", "allowedBy", "allowedAt"])

    /// Package name@version's declaration (read from its verified, extracted manifest, as a launch
    /// reads it) and allowance; 404 for no such package.
    static func load(name: String, version: String, _ services: AtriumServices) async throws -> APIPackageNetwork {
        let allowance: PackageNetworkAllowance?
        do { allowance = try await services.catalog.packageNetworkAllowance(name: name, version: version) } catch CatalogError.notFound {
            throw PackageRoutes.notFound(name, version)
        }
        var declaration: RuntimeManifest.NetworkDeclaration?
        var unreadable: String?
        do {
            declaration = try await services.sessions.runtimes.prepare(name: name, version: version).manifest.network
        } catch let error as SessionError {
            unreadable = "\(error)"
        }
        return APIPackageNetwork(name: name, version: version, declaration: declaration, unreadable: unreadable, allowance: allowance)
    }
}

/// The body of `PUT /packages/{name}/{version}/network`.
struct PackageNetworkChange: Decodable, Sendable {
    let allowed: Bool

    static let schema: JSONValue = .requestSchema(["allowed": .booleanSchema])
}
