import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    /// A package's network allowance: none at first; an admin's allowance with who and when, kept
    /// when allowed again; withdrawn; each change audited once with the declaration the admin saw;
    /// gone with the package, so one registered again under the same name and version starts
    /// without it; unknown packages are not found.
    @Test("package network: allow, withdraw, audited, gone with the package", arguments: DatabaseKind.available)
    func packageNetwork(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let env = Self.digest("envelope"), arc = Self.digest("archive")
            try await catalog.registerPackage(name: "solver", version: "2.0", platform: "linux-x86_64",
                                              envelopeDigest: env, archiveDigest: arc, size: 10)
            #expect(try await catalog.packageNetworkAllowance(name: "solver", version: "2.0") == nil)

            let allowed = try await catalog.setPackageNetwork(name: "solver", version: "2.0", allowed: true, reason: "licence server",
                                                              by: .user("u-admin"), now: Self.t0)
            #expect(allowed == PackageNetworkAllowance(allowedBy: "u-admin", allowedAt: Self.t0))
            #expect(try await catalog.packageNetworkAllowance(name: "solver", version: "2.0") == allowed)
            let again = try await catalog.setPackageNetwork(name: "solver", version: "2.0", allowed: true, reason: "licence server",
                                                            by: .user("u-other"), now: Self.t0.addingTimeInterval(60))
            #expect(again == allowed, "allowing again keeps the first allowance")

            #expect(try await catalog.setPackageNetwork(name: "solver", version: "2.0", allowed: false, reason: "licence server",
                                                        by: .user("u-admin"), now: Self.t0.addingTimeInterval(120)) == nil)
            #expect(try await catalog.packageNetworkAllowance(name: "solver", version: "2.0") == nil)
            #expect(try await catalog.setPackageNetwork(name: "solver", version: "2.0", allowed: false, reason: nil,
                                                        by: .user("u-admin")) == nil)

            let audit = try await catalog.auditLog(target: "package:solver@2.0").filter { $0.action.hasPrefix("package.network") }
            #expect(audit.map(\.action) == ["package.network.withdraw", "package.network.allow"])
            #expect(audit.map(\.actor) == ["u-admin", "u-admin"])
            #expect(audit.allSatisfy { $0.detail.contains("licence server") })

            try await catalog.setPackageNetwork(name: "solver", version: "2.0", allowed: true, reason: "licence server", by: .user("u-admin"))
            try await catalog.deletePackage(name: "solver", version: "2.0")
            try await catalog.registerPackage(name: "solver", version: "2.0", platform: "linux-x86_64",
                                              envelopeDigest: Self.digest("another"), archiveDigest: arc, size: 10)
            #expect(try await catalog.packageNetworkAllowance(name: "solver", version: "2.0") == nil)

            await expectCatalogError(\.isNotFound) { _ = try await catalog.packageNetworkAllowance(name: "nope", version: "1") }
            await expectCatalogError(\.isNotFound) {
                try await catalog.setPackageNetwork(name: "nope", version: "1", allowed: true, reason: nil, by: .user("u-admin"))
            }
        }
    }
}
