import Catalog
import Foundation
import Store
import Testing

extension CatalogRepositoryTests {
    @Test("cases: history, optimistic concurrency, delete", arguments: DatabaseKind.available)
    func cases(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            let h1 = Self.digest("m1"), h2 = Self.digest("m2"), h3 = Self.digest("m3")
            let created = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "Base scenario", head: h1, size: 100)
            #expect(created.headNumber == 1 && created.headDigest == h1)
            await expectCatalogError(\.isConflict) {
                try await catalog.createCase(app: "transport", ownerId: alice.id, name: "Base scenario", head: h1)
            }

            let saved = try await catalog.saveCaseVersion(caseId: created.id, expectedHead: h1, newHead: h2, number: 2, size: 120,
                                                          by: .user(alice.id))
            #expect(saved.headDigest == h2 && saved.headNumber == 2)
            // A writer who still thinks h1 is the head loses.
            await expectCatalogError(\.isConflict) {
                try await catalog.saveCaseVersion(caseId: created.id, expectedHead: h1, newHead: h3, number: 3, size: 1, by: .user(alice.id))
            }
            await expectCatalogError(\.isInvalid) {
                try await catalog.saveCaseVersion(caseId: created.id, expectedHead: h2, newHead: h3, number: 2, size: 1, by: .user(alice.id))
            }
            try await catalog.saveCaseVersion(caseId: created.id, expectedHead: h2, newHead: h3, number: 3, size: 130, by: .user(alice.id))
            let history = try await catalog.caseHistory(caseId: created.id)
            #expect(history.map(\.number) == [3, 2, 1])
            #expect(history.map(\.manifestDigest) == [h3, h2, h1])
            #expect(history.map(\.size) == [130, 120, 100])
            #expect(try await catalog.caseRecord(id: created.id)?.headDigest == h3)

            try await catalog.deleteCase(caseId: created.id, by: .user(alice.id))
            #expect(try await catalog.caseRecord(id: created.id) == nil)
            await expectCatalogError(\.isNotFound) { _ = try await catalog.caseHistory(caseId: created.id) }
            await expectCatalogError(\.isNotFound) {
                try await catalog.saveCaseVersion(caseId: created.id, expectedHead: h3, newHead: h1, number: 4, size: 1, by: .system)
            }
        }
    }

    @Test("cases: concurrent saves from one head — exactly one wins", arguments: DatabaseKind.available)
    func concurrentCaseSaves(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            let head = Self.digest("head")
            let record = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "race", head: head)
            let results = await withTaskGroup(of: Bool.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        do {
                            try await catalog.saveCaseVersion(caseId: record.id, expectedHead: head, newHead: Self.digest("n\(i)"),
                                                              number: 2, size: 1, by: .user(alice.id))
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await catalog.caseHistory(caseId: record.id).count == 2)
        }
    }

    @Test("cases: sharing with users and groups, visibility and access", arguments: DatabaseKind.available)
    func caseSharing(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            let bob = try await Self.user(catalog, "bob")
            let carol = try await Self.user(catalog, "carol")
            let team = try await catalog.createGroup(name: "team")
            try await catalog.addMember(groupId: team.id, userId: carol.id)
            try await Self.appWithVersion(catalog, "transport")
            try await Self.appWithVersion(catalog, "other")
            let mine = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "mine", head: Self.digest("a"))
            let bobs = try await catalog.createCase(app: "other", ownerId: bob.id, name: "bob's", head: Self.digest("b"))

            #expect(try await catalog.casesVisible(to: bob.id).map(\.id) == [bobs.id])
            #expect(try await catalog.caseAccess(caseId: mine.id, userId: alice.id) == .owner)
            #expect(try await catalog.caseAccess(caseId: mine.id, userId: bob.id) == nil)

            try await catalog.shareCase(caseId: mine.id, with: .user(bob.id), access: .read, by: .user(alice.id))
            try await catalog.shareCase(caseId: mine.id, with: .group(team.id), access: .write, by: .user(alice.id))
            #expect(Set(try await catalog.casesVisible(to: bob.id).map(\.id)) == [mine.id, bobs.id])
            #expect(try await catalog.casesVisible(to: bob.id, app: "other").map(\.id) == [bobs.id])
            #expect(try await catalog.casesVisible(to: carol.id).map(\.id) == [mine.id])
            #expect(try await catalog.caseAccess(caseId: mine.id, userId: bob.id) == .read)
            #expect(try await catalog.caseAccess(caseId: mine.id, userId: carol.id) == .write)
            #expect(try await catalog.caseShares(caseId: mine.id).count == 2)

            // Re-sharing replaces; group membership decides; unshare removes.
            try await catalog.shareCase(caseId: mine.id, with: .user(bob.id), access: .write, by: .user(alice.id))
            #expect(try await catalog.caseAccess(caseId: mine.id, userId: bob.id) == .write)
            try await catalog.removeMember(groupId: team.id, userId: carol.id)
            #expect(try await catalog.casesVisible(to: carol.id).isEmpty)
            try await catalog.unshareCase(caseId: mine.id, with: .user(bob.id), by: .user(alice.id))
            #expect(try await catalog.casesVisible(to: bob.id).map(\.id) == [bobs.id])

            await expectCatalogError(\.isInvalid) {
                try await catalog.shareCase(caseId: mine.id, with: .user(alice.id), access: .read, by: .user(alice.id))
            }
            await expectCatalogError(\.isNotFound) {
                try await catalog.shareCase(caseId: mine.id, with: .group("nope"), access: .read, by: .user(alice.id))
            }
        }
    }
}
