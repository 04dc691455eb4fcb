import Catalog
import Foundation
import Store
import Testing

extension CatalogRepositoryTests {
    @Test("audit: every change writes a row; newest first, paginated, filtered", arguments: DatabaseKind.available)
    func audit(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let root = try await Self.user(catalog, "root", role: .admin)
            let alice = try await catalog.createUser(name: "alice", displayName: "Alice", password: "secret-password",
                                                     role: .user, by: .user(root.id))
            try await catalog.setRole(userId: alice.id, role: .publisher, by: .user(root.id))
            let group = try await catalog.createGroup(name: "team", by: .user(root.id))
            try await catalog.addMember(groupId: group.id, userId: alice.id, by: .user(root.id))
            try await catalog.createApp(name: "transport", title: "T", by: .user(alice.id))

            let all = try await catalog.auditLog(limit: 100)
            #expect(all.map(\.action) == ["app.create", "group.add-member", "group.create", "user.role", "user.create", "user.create"])
            #expect(all.last?.actor == "system")
            #expect(all.first?.actor == alice.id)
            #expect(all.first?.target == "app:transport")
            #expect(all.allSatisfy { !$0.detail.contains("secret-password") })

            // Keyset pagination, newest first.
            let page1 = try await catalog.auditLog(limit: 4)
            let page2 = try await catalog.auditLog(limit: 4, before: page1.last?.id)
            #expect((page1 + page2).map(\.id) == all.map(\.id))
            #expect(page2.count == 2)

            #expect(try await catalog.auditLog(actor: root.id).count == 4)
            #expect(try await catalog.auditLog(target: "user:\(alice.id)").map(\.action) == ["user.role", "user.create"])
            let detail = try #require(try await catalog.auditLog(target: "user:\(alice.id)").last?.detail)
            let object = try JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: String]
            #expect(object == ["name": "alice", "role": "user"])
        }
    }

    @Test("gc roots: case heads, sealed versions, package envelopes and archives", arguments: DatabaseKind.available)
    func gcRoots(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            #expect(try await catalog.gcRoots().isEmpty)
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            let first = Self.digest("m1"), second = Self.digest("m2")
            let record = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "c", head: first)
            try await catalog.saveCaseVersion(caseId: record.id, expectedHead: first, newHead: second, number: 2, size: 1, by: .user(alice.id))
            try await catalog.registerPackage(name: "unused", version: "1", platform: "linux", envelopeDigest: Self.digest("ue"),
                                              archiveDigest: Self.digest("ua"), size: 1)
            let roots = try await catalog.gcRoots()
            #expect(roots == [second, Self.digest("sealed-transport-1.0"), Self.digest("env-transport"), Self.digest("arc-transport"),
                              Self.digest("ue"), Self.digest("ua")])
        }
    }
}
