import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("groups: create, members, groupsOf, remove, delete", arguments: DatabaseKind.available)
    func groups(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            let bob = try await Self.user(catalog, "bob")
            let analysts = try await catalog.createGroup(name: "analysts")
            let planners = try await catalog.createGroup(name: "planners")
            await expectCatalogError(\.isConflict) { _ = try await catalog.createGroup(name: "analysts") }
            await expectCatalogError(\.isInvalid) { _ = try await catalog.createGroup(name: "Bad Name") }

            try await catalog.addMember(groupId: analysts.id, userId: alice.id)
            try await catalog.addMember(groupId: analysts.id, userId: alice.id)
            try await catalog.addMember(groupId: analysts.id, userId: bob.id)
            try await catalog.addMember(groupId: planners.id, userId: alice.id)
            #expect(try await catalog.members(groupId: analysts.id).map(\.name) == ["alice", "bob"])
            #expect(try await catalog.groups(ofUser: alice.id).map(\.name) == ["analysts", "planners"])
            #expect(try await catalog.group(named: "planners") == planners)
            #expect(try await catalog.listGroups().map(\.name) == ["analysts", "planners"])

            try await catalog.removeMember(groupId: analysts.id, userId: bob.id)
            #expect(try await catalog.members(groupId: analysts.id).map(\.name) == ["alice"])
            await expectCatalogError(\.isNotFound) { try await catalog.addMember(groupId: analysts.id, userId: "nope") }

            try await catalog.deleteGroup(id: planners.id)
            #expect(try await catalog.group(id: planners.id) == nil)
            #expect(try await catalog.groups(ofUser: alice.id).map(\.name) == ["analysts"])
            await expectCatalogError(\.isNotFound) { try await catalog.deleteGroup(id: planners.id) }
        }
    }

    @Test("rights: inherited from groups, deny wins, admins have all, revoke", arguments: DatabaseKind.available)
    func rights(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            let bob = try await Self.user(catalog, "bob")
            let root = try await Self.user(catalog, "root", role: .admin)
            let team = try await catalog.createGroup(name: "team")
            let blocked = try await catalog.createGroup(name: "blocked")
            try await catalog.addMember(groupId: team.id, userId: alice.id)
            try await catalog.addMember(groupId: team.id, userId: bob.id)
            try await Self.appWithVersion(catalog, "transport")
            try await Self.appWithVersion(catalog, "other")

            #expect(try await catalog.effectiveRights(userId: alice.id, app: "transport") == [])
            try await catalog.grant(app: "transport", subject: .group(team.id), right: .read)
            try await catalog.grant(app: "transport", subject: .group(team.id), right: .launch)
            try await catalog.grant(app: "transport", subject: .user(alice.id), right: .publish)
            #expect(try await catalog.effectiveRights(userId: alice.id, app: "transport") == [.read, .launch, .publish])
            #expect(try await catalog.effectiveRights(userId: bob.id, app: "transport") == [.read, .launch])
            #expect(try await catalog.effectiveRights(userId: bob.id, app: "other") == [])

            // A user deny beats a group allow.
            try await catalog.grant(app: "transport", subject: .user(bob.id), right: .launch, effect: .deny)
            #expect(try await catalog.effectiveRights(userId: bob.id, app: "transport") == [.read])
            // A group deny beats a user allow.
            try await catalog.addMember(groupId: blocked.id, userId: alice.id)
            try await catalog.grant(app: "transport", subject: .group(blocked.id), right: .publish, effect: .deny)
            #expect(try await catalog.effectiveRights(userId: alice.id, app: "transport") == [.read, .launch])
            // Leaving the group lifts its deny.
            try await catalog.removeMember(groupId: blocked.id, userId: alice.id)
            #expect(try await catalog.effectiveRights(userId: alice.id, app: "transport") == [.read, .launch, .publish])

            #expect(try await catalog.effectiveRights(userId: root.id, app: "other") == Set(Right.allCases))
            #expect(try await catalog.listApps(visibleTo: root.id).map(\.name) == ["other", "transport"])
            #expect(try await catalog.listApps(visibleTo: bob.id).map(\.name) == ["transport"])

            // Revoke, re-grant replaces the effect, grants are listed.
            try await catalog.revoke(app: "transport", subject: .user(bob.id), right: .launch)
            #expect(try await catalog.effectiveRights(userId: bob.id, app: "transport") == [.read, .launch])
            try await catalog.grant(app: "transport", subject: .group(team.id), right: .read, effect: .deny)
            #expect(try await catalog.effectiveRights(userId: bob.id, app: "transport") == [.launch])
            #expect(try await catalog.listApps(visibleTo: bob.id).isEmpty)
            let grants = try await catalog.grants(app: "transport")
            #expect(grants.contains(RightGrant(app: "transport", subject: .group(team.id), right: .read, effect: .deny)))

            // Disabled users have nothing; unknown apps and subjects are not found.
            try await catalog.setDisabled(userId: alice.id, true)
            #expect(try await catalog.effectiveRights(userId: alice.id, app: "transport") == [])
            await expectCatalogError(\.isNotFound) { _ = try await catalog.effectiveRights(userId: bob.id, app: "nope") }
            await expectCatalogError(\.isNotFound) {
                try await catalog.grant(app: "transport", subject: .group("nope"), right: .read)
            }

            // Deleting a group removes its grants.
            try await catalog.deleteGroup(id: team.id)
            #expect(try await catalog.effectiveRights(userId: bob.id, app: "transport") == [])
        }
    }
}
