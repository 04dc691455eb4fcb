import Catalog
import Foundation
import Store
import Testing

extension CatalogRepositoryTests {
    @Test("apps: versions, latest, hide/unhide, roll back", arguments: DatabaseKind.available)
    func appsAndVersions(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            try await catalog.registerPackage(name: "mathprog", version: "1", platform: "linux-x86_64",
                                              envelopeDigest: Self.digest("e"), archiveDigest: Self.digest("a"), size: 1)
            let app = try await catalog.createApp(name: "transport", title: "Transport model")
            #expect(app.latestVersion == nil)
            await expectCatalogError(\.isConflict) { try await catalog.createApp(name: "transport", title: "again") }
            await expectCatalogError(\.isInvalid) { try await catalog.createApp(name: "Transport", title: "x") }
            // A description is kept as given (line breaks allowed); control characters or a novel are refused.
            let described = try await catalog.createApp(name: "described", title: "Described", description: "Ships cases.\nWeekly.")
            #expect(try await catalog.app(named: "described")?.description == described.description)
            #expect(described.description == "Ships cases.\nWeekly.")
            await expectCatalogError(\.isInvalid) { try await catalog.createApp(name: "bell", title: "x", description: "ding\u{7}") }
            await expectCatalogError(\.isInvalid) {
                try await catalog.createApp(name: "novel", title: "x", description: String(repeating: "a", count: 2001))
            }

            func add(_ version: String, latest: Bool = true) async throws {
                try await catalog.addVersion(app: "transport", version: version, sealedDigest: Self.digest("sealed-\(version)"),
                                             runtimeName: "mathprog", runtimeVersion: "1", makeLatest: latest)
            }
            try await add("1.0")
            try await add("1.1")
            try await add("2.0-beta", latest: false)
            #expect(try await catalog.app(named: "transport")?.latestVersion == "1.1")
            await expectCatalogError(\.isConflict) { try await add("1.1") }

            let versions = try await catalog.listVersions(app: "transport")
            #expect(Set(versions.map(\.version)) == ["1.0", "1.1", "2.0-beta"])
            #expect(versions.filter(\.isLatest).map(\.version) == ["1.1"])
            #expect(try await catalog.version(app: "transport", version: "1.0")?.sealedDigest == Self.digest("sealed-1.0"))

            // Roll back: set an older version latest.
            try await catalog.setLatest(app: "transport", version: "1.0")
            #expect(try await catalog.app(named: "transport")?.latestVersion == "1.0")

            // Hidden versions are not listed for users and cannot become latest; the latest cannot be hidden.
            try await catalog.setHidden(app: "transport", version: "1.1", true)
            #expect(try await catalog.listVersions(app: "transport").map(\.version).contains("1.1") == false)
            #expect(try await catalog.listVersions(app: "transport", includeHidden: true).count == 3)
            #expect(try await catalog.version(app: "transport", version: "1.1")?.hidden == true)
            await expectCatalogError(\.isConflict) { try await catalog.setLatest(app: "transport", version: "1.1") }
            await expectCatalogError(\.isConflict) { try await catalog.setHidden(app: "transport", version: "1.0", true) }
            try await catalog.setHidden(app: "transport", version: "1.1", false)
            try await catalog.setLatest(app: "transport", version: "1.1")
            #expect(try await catalog.app(named: "transport")?.latestVersion == "1.1")

            await expectCatalogError(\.isNotFound) { try await catalog.setLatest(app: "transport", version: "9") }
            await expectCatalogError(\.isNotFound) { try await catalog.setLatest(app: "nope", version: "1") }
            await expectCatalogError(\.isNotFound) { _ = try await catalog.listVersions(app: "nope") }
        }
    }
}
