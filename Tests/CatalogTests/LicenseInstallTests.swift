import Catalog
import Foundation
import Store
import Testing

extension CatalogRepositoryTests {
    @Test("licenses: a verified signed license installs with its numbers and verifies again from the catalog",
          arguments: DatabaseKind.available)
    func installSignedLicense(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let key = PublisherKeyPair.generate(name: "licensor")
            var trust = TrustStore()
            try trust.add(TrustedKey(publisher: key.publicKey, validFrom: Self.t0 - 86400))
            let statement = try LicenseStatement(id: "lic-7", licensee: "Acme", dataSessions: 10, optimizationSessions: 2,
                                                 namedUsers: 0, issued: Self.t0, expires: Self.t0 + 86400, apps: nil)
            let license = try LicenseSigner.sign(statement, key: key)
            let verified = try LicenseVerifier.verify(license, trust: trust, now: Self.t0)
            let record = try await catalog.installLicense(license, verified: verified, by: .user("admin"), now: Self.t0)
            #expect(record.limits == SeatLimits(dataSessions: 10, optimizationSessions: 2, namedUsers: 0))
            #expect(record.keyId == key.id && record.expiresAt == Self.t0 + 86400 && record.apps == nil)
            let again = try #require(try await catalog.activeLicense()).signedLicense()
            #expect(try LicenseVerifier.verify(again, trust: trust, now: Self.t0 + 60) == statement)
            // A statement that is not the license's own is refused.
            let other = try LicenseStatement(id: "lic-7", licensee: "Acme", dataSessions: 99, optimizationSessions: 2,
                                             namedUsers: 0, issued: Self.t0, expires: Self.t0 + 86400)
            await expectCatalogError(\.isInvalid) { _ = try await catalog.installLicense(license, verified: other, by: .system) }
        }
    }
}
