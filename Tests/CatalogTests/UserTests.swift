import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("users: create, get, password right/wrong/disabled, role, rename", arguments: DatabaseKind.available)
    func users(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await catalog.createUser(name: "alice", displayName: "Alice A.", password: "correct horse", role: .publisher)
            #expect(alice.role == .publisher && !alice.disabled)
            #expect(try await catalog.user(id: alice.id) == alice)
            #expect(try await catalog.user(named: "alice") == alice)
            #expect(try await catalog.user(named: "bob") == nil)

            #expect(try await catalog.verifyPassword(name: "alice", password: "correct horse")?.id == alice.id)
            #expect(try await catalog.verifyPassword(name: "alice", password: "wrong horse") == nil)
            #expect(try await catalog.verifyPassword(name: "nobody", password: "correct horse") == nil)

            try await catalog.setPassword(userId: alice.id, password: "battery staple")
            #expect(try await catalog.verifyPassword(name: "alice", password: "correct horse") == nil)
            #expect(try await catalog.verifyPassword(name: "alice", password: "battery staple") != nil)

            try await catalog.setDisabled(userId: alice.id, true)
            #expect(try await catalog.user(id: alice.id)?.disabled == true)
            #expect(try await catalog.verifyPassword(name: "alice", password: "battery staple") == nil)
            try await catalog.setDisabled(userId: alice.id, false)
            #expect(try await catalog.verifyPassword(name: "alice", password: "battery staple") != nil)

            try await catalog.setRole(userId: alice.id, role: .admin)
            #expect(try await catalog.user(id: alice.id)?.role == .admin)
            try await catalog.setDisplayName(userId: alice.id, "Alice B.")
            #expect(try await catalog.user(id: alice.id)?.displayName == "Alice B.")
        }
    }

    @Test("users: names are validated, duplicates refused, unknown ids not found", arguments: DatabaseKind.available)
    func userValidation(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            _ = try await Self.user(catalog, "alice")
            await expectCatalogError(\.isConflict) { _ = try await Self.user(catalog, "alice") }
            for bad in ["Alice", "", "-x", "a/b", "../etc", "a b", String(repeating: "a", count: 65), "al'ice"] {
                await expectCatalogError(\.isInvalid) {
                    _ = try await catalog.createUser(name: bad, displayName: "x", password: "long enough", role: .user)
                }
            }
            await expectCatalogError(\.isInvalid) {
                _ = try await catalog.createUser(name: "bob", displayName: "Bob", password: "short", role: .user)
            }
            await expectCatalogError(\.isNotFound) { try await catalog.setRole(userId: "nope", role: .admin) }
            await expectCatalogError(\.isNotFound) { try await catalog.setDisabled(userId: "nope", true) }
        }
    }

    @Test("users: SQL-like and path-like strings are stored verbatim", arguments: DatabaseKind.available)
    func verbatimStrings(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let hostile = ["'); DROP TABLE users; --", "../../etc/passwd", "Robert\"; DELETE FROM audit; --", "ünïcødé ✓ %_\\"]
            for (i, text) in hostile.enumerated() {
                let user = try await catalog.createUser(name: "u\(i)", displayName: text, password: "'; OR 1=1 --", role: .user)
                #expect(try await catalog.user(id: user.id)?.displayName == text)
                #expect(try await catalog.verifyPassword(name: "u\(i)", password: "'; OR 1=1 --") != nil)
            }
            try await Self.appWithVersion(catalog, "app")
            let owner = try await catalog.user(named: "u0")!
            let record = try await catalog.createCase(app: "app", ownerId: owner.id, name: hostile[0], head: Self.digest("h"))
            #expect(try await catalog.caseRecord(id: record.id)?.name == hostile[0])
            #expect(try await catalog.listUsers().count == hostile.count)
        }
    }

    @Test("users: pagination by name", arguments: DatabaseKind.available)
    func userPagination(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let names = (0..<7).map { "user\($0)" }
            for name in names.reversed() { _ = try await Self.user(catalog, name) }
            let first = try await catalog.listUsers(PageRequest(limit: 3))
            let second = try await catalog.listUsers(PageRequest(limit: 3, offset: 3))
            let third = try await catalog.listUsers(PageRequest(limit: 3, offset: 6))
            #expect((first + second + third).map(\.name) == names)
            #expect(third.count == 1)
            await expectCatalogError(\.isInvalid) { _ = try await catalog.listUsers(PageRequest(limit: 0)) }
        }
    }
}
