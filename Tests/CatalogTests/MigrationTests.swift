import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("a fresh and a re-opened database have the same schema version", arguments: DatabaseKind.available)
    func migrationsAreIdempotent(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            let latest = CatalogMigration.all.map(\.number).max() ?? 0
            #expect(try await catalog.schemaVersion() == latest)
            #expect(try await catalog.migrate() == latest)
            let user = try await Self.user(catalog, "alice")
            let again = try await Catalog.open(configuration)
            do {
                #expect(try await again.schemaVersion() == latest)
                #expect(try await again.appliedMigrations().map(\.number) == CatalogMigration.all.map(\.number))
                #expect(try await again.user(id: user.id) == user)
            } catch {
                await again.close()
                throw error
            }
            await again.close()
        }
    }

    @Test("migrations are numbered 1, 2, … without gaps")
    func migrationNumbering() {
        #expect(CatalogMigration.all.map(\.number) == Array(1...CatalogMigration.all.count))
    }

    @Test("SQLite: opening without migrating leaves the schema alone until migrate()")
    func openWithoutMigrating() async throws {
        let dir = NSTemporaryDirectory() + "atrium-catalog-nomig-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = try await Catalog.open(DatabaseKind.testing(.sqlite(path: dir + "/c.sqlite")), migrate: false)
        await expectCatalogError({ if case .database = $0 { true } else { false } }) {
            _ = try await catalog.schemaVersion()
        }
        #expect(try await catalog.migrate() == CatalogMigration.all.count)
        await catalog.close()
    }
}
