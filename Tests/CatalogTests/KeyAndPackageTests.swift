import Catalog
import Crypto
import Foundation
import Store
import Testing

extension CatalogRepositoryTests {
    static func publisherKey(_ name: String, from: Date = t0) -> TrustedKey {
        let key = Curve25519.Signing.PrivateKey().publicKey
        return try! TrustedKey(id: PublisherPublicKey.id(for: key), name: name, publicKey: key.rawRepresentation, validFrom: from)
    }

    @Test("trusted keys: add, idempotent, conflicting bytes, revoke, trust store", arguments: DatabaseKind.available)
    func trustedKeys(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let vendor = Self.publisherKey("Vendor")
            var limited = Self.publisherKey("Limited")
            limited.validUntil = Self.t0.addingTimeInterval(86_400)
            #expect(try await catalog.addTrustedKey(vendor))
            #expect(try await catalog.addTrustedKey(limited))
            #expect(try await !catalog.addTrustedKey(vendor))
            #expect(try await catalog.listTrustedKeys() == [vendor, limited].sorted { $0.id < $1.id })

            try await catalog.revokeTrustedKey(id: vendor.id, at: Self.t0.addingTimeInterval(100))
            try await catalog.revokeTrustedKey(id: vendor.id, at: Self.t0.addingTimeInterval(500))
            let store = try await catalog.trustStore()
            #expect(store.lookup(vendor.id)?.revokedAt == Self.t0.addingTimeInterval(100))
            #expect(store.lookup(vendor.id)?.isRevoked(at: Self.t0.addingTimeInterval(200)) == true)
            #expect(store.lookup(limited.id)?.validUntil == limited.validUntil)
            #expect(try await catalog.addTrustedKey(vendor) == false)
            #expect(try await catalog.trustStore().lookup(vendor.id)?.revokedAt != nil)
            await expectCatalogError(\.isNotFound) { try await catalog.revokeTrustedKey(id: "nope", at: Self.t0) }
        }
    }

    @Test("packages: write-once, idempotent, list, delete refused while used", arguments: DatabaseKind.available)
    func packages(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let env = Self.digest("envelope"), arc = Self.digest("archive")
            #expect(try await catalog.registerPackage(name: "mathprog", version: "1.0.0", platform: "linux-x86_64",
                                                      envelopeDigest: env, archiveDigest: arc, size: 1234))
            #expect(try await !catalog.registerPackage(name: "mathprog", version: "1.0.0", platform: "linux-x86_64",
                                                       envelopeDigest: env, archiveDigest: arc, size: 1234))
            await expectCatalogError(\.isConflict) {
                try await catalog.registerPackage(name: "mathprog", version: "1.0.0", platform: "linux-x86_64",
                                                  envelopeDigest: Self.digest("other"), archiveDigest: arc, size: 1234)
            }
            await expectCatalogError(\.isInvalid) {
                try await catalog.registerPackage(name: "../evil", version: "1", platform: "linux",
                                                  envelopeDigest: env, archiveDigest: arc, size: 1)
            }
            #expect(try await catalog.lookupPackage(name: "mathprog", version: "1.0.0") == env)
            #expect(try await catalog.lookupPackage(name: "mathprog", version: "2.0.0") == nil)
            let record = try #require(try await catalog.package(name: "mathprog", version: "1.0.0"))
            #expect(record.archiveDigest == arc && record.size == 1234 && record.platform == "linux-x86_64")

            try await catalog.registerPackage(name: "mathprog", version: "2.0.0", platform: "linux-x86_64",
                                              envelopeDigest: Self.digest("env2"), archiveDigest: Self.digest("arc2"), size: 1)
            try await catalog.registerPackage(name: "aaa", version: "1", platform: "linux-x86_64",
                                              envelopeDigest: Self.digest("env3"), archiveDigest: Self.digest("arc3"), size: 1)
            #expect(try await catalog.listPackages().map { "\($0.name)@\($0.version)" } == ["aaa@1", "mathprog@1.0.0", "mathprog@2.0.0"])
            #expect(try await catalog.listPackages(PageRequest(limit: 1, offset: 1)).map(\.version) == ["1.0.0"])

            try await catalog.createApp(name: "transport", title: "Transport")
            try await catalog.addVersion(app: "transport", version: "1", sealedDigest: Self.digest("s1"),
                                         runtimeName: "mathprog", runtimeVersion: "1.0.0")
            do {
                try await catalog.deletePackage(name: "mathprog", version: "1.0.0")
                Issue.record("deleting a package in use succeeded")
            } catch let error as CatalogError {
                #expect(error.isConflict)
                #expect(error.description.contains("transport") && error.description.contains("version 1"))
            }
            try await catalog.deletePackage(name: "mathprog", version: "2.0.0")
            #expect(try await catalog.lookupPackage(name: "mathprog", version: "2.0.0") == nil)
            await expectCatalogError(\.isNotFound) { try await catalog.deletePackage(name: "mathprog", version: "2.0.0") }
            await expectCatalogError(\.isNotFound) {
                try await catalog.addVersion(app: "transport", version: "2", sealedDigest: Self.digest("s2"),
                                             runtimeName: "mathprog", runtimeVersion: "2.0.0")
            }
        }
    }
}
