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

    /// PostgreSQL only: a cluster's nodes share it. (SQLite is one catalog per file per process.)
    @Test("PostgreSQL: nodes opening an empty database at once all end at the same schema version",
          arguments: DatabaseKind.available.filter { $0 == .postgres })
    func concurrentMigrations(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog(migrated: false) { _, configuration in
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let node = try await Catalog.open(configuration)
                        do {
                            let version = try await node.schemaVersion()
                            await node.close()
                            return version
                        } catch {
                            await node.close()
                            throw error
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(versions == Array(repeating: CatalogMigration.all.count, count: 4))
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

extension CatalogRepositoryTests {
    @Test("bad configurations are refused with a clear error")
    func badConfigurations() async {
        await expectCatalogError(\.isInvalid) { _ = try await Catalog.open(.postgres(url: "not a url")) }
        await expectCatalogError(\.isInvalid) { _ = try await Catalog.open(.sqlite(path: "")) }
        await expectCatalogError(\.isInvalid) {
            _ = try await Catalog.open(CatalogConfiguration(database: .sqlite(path: "/tmp/x.sqlite"), bcryptCost: 3))
        }
        await expectCatalogError({ if case .database = $0 { true } else { false } }) {
            _ = try await Catalog.open(.sqlite(path: "/nonexistent-dir-\(UUID().uuidString)/catalog.sqlite"))
        }
        #expect(CatalogError.notFound("user", "bob").description == "user 'bob' not found")
    }
}
