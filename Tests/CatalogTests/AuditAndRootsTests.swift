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
            // The archived logs of a job and of a data session.
            _ = try await catalog.submitJob(userId: alice.id, app: "transport", appVersion: "1.0", caseId: record.id, inputNumber: 2,
                                            priority: 5, timeoutSeconds: 600, scheduledAt: nil, sessionId: nil, by: .user(alice.id),
                                            now: Self.t0)
            let job = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0))
            try await catalog.attachJobLog(id: job.id, node: "node-a", attempt: job.attempts, logDigest: Self.digest("job-log").hex)
            let seat = try await catalog.takeSeat(kind: .data, holder: "sess-1", userId: alice.id, app: "transport", node: "node-a",
                                                  limits: SeatLimits(dataSessions: 1), leaseUntil: Self.t0 + 60, now: Self.t0)
            _ = try await catalog.createDataSession(id: "sess-1", userId: alice.id, app: "transport", appVersion: "1.0",
                                                    runtime: "mathprog@1.0.0", node: "node-a", seatId: seat.id, now: Self.t0)
            _ = try await catalog.endDataSession(id: "sess-1", reason: "idle", logDigest: Self.digest("session-log").hex, now: Self.t0 + 1)
            let roots = try await catalog.gcRoots()
            #expect(roots == [second, Self.digest("sealed-transport-1.0"), Self.digest("env-transport"), Self.digest("arc-transport"),
                              Self.digest("ue"), Self.digest("ua"), Self.digest("job-log"), Self.digest("session-log")])
        }
    }

    @Test("gc roots read by a cluster master are fenced: a stale token reads nothing", arguments: DatabaseKind.available)
    func fencedGCRoots(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            _ = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "c", head: Self.digest("m1"))
            let now = Date()
            let first = try #require(try await catalog.acquireMaster(node: "node-a", leaseUntil: now + 60, now: now))
            #expect(try await catalog.gcRoots(master: "node-a", token: first.token, now: now).contains(Self.digest("m1")))
            // node-a pauses past its lease; node-b takes over with the next token.
            let second = try #require(try await catalog.acquireMaster(node: "node-b", leaseUntil: now + 200, now: now + 100))
            #expect(second.token == first.token + 1)
            await expectCatalogError(\.isStaleFence) {
                _ = try await catalog.gcRoots(master: "node-a", token: first.token, now: now + 100)
            }
            #expect(try await catalog.gcRoots(master: "node-b", token: second.token, now: now + 100).contains(Self.digest("m1")))
            // A run is recorded fenced too, and read back as the last one.
            await expectCatalogError(\.isStaleFence) {
                try await catalog.recordStoreGC(["deletedBlobs": "1"], by: .system, master: "node-a", token: first.token, now: now + 100)
            }
            #expect(try await catalog.lastStoreGC() == nil)
            try await catalog.recordStoreGC(["deletedBlobs": "2"], by: .system, master: "node-b", token: second.token, now: now + 100)
            let last = try #require(try await catalog.lastStoreGC())
            #expect(last.action == "store.gc" && last.detail.contains("\"2\""))
        }
    }
}
