import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("token bindings: a data session's token reaches its opened and created cases and submitted jobs, and dies with the session",
          arguments: DatabaseKind.available)
    func sessionTokenBindings(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            let opened = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "opened", head: Self.digest("a"))
            let other = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "other", head: Self.digest("b"))
            _ = try await catalog.createDataSession(id: "s1", userId: alice.id, app: "transport", appVersion: "1.0", runtime: "rt@1",
                                                    node: "n1", seatId: "seat-1")
            let token = try await catalog.createSessionToken(userId: alice.id, session: "s1", caseId: opened.id, expiresAt: nil)
            let id = token.token.id
            #expect(token.token.scopes == [Catalog.sessionScope])
            let auth = try #require(try await catalog.authenticate(token: token.secret))
            #expect(auth.binding == .dataSession("s1"))
            #expect(auth.user.id == alice.id)

            #expect(try await catalog.caseReach(tokenId: id, caseId: opened.id) == .whole)
            #expect(try await catalog.caseReach(tokenId: id, caseId: other.id) == nil)
            // A case it creates and a job it submits are bound to it with them.
            let created = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "created", head: Self.digest("c"),
                                                       boundTo: id)
            #expect(try await catalog.casesReached(tokenId: id) == [opened.id: .whole, created.id: .whole])
            let mine = try await catalog.submitJob(userId: alice.id, app: "transport", appVersion: "1.0", caseId: opened.id,
                                                   inputNumber: 1, priority: 5, timeoutSeconds: 60, scheduledAt: nil, sessionId: "s1",
                                                   by: .user(alice.id), boundTo: id)
            let notMine = try await catalog.submitJob(userId: alice.id, app: "transport", appVersion: "1.0", caseId: other.id,
                                                      inputNumber: 1, priority: 5, timeoutSeconds: 60, scheduledAt: nil, sessionId: nil,
                                                      by: .user(alice.id))
            #expect(try await catalog.jobReached(tokenId: id, jobId: mine.id))
            #expect(try await !catalog.jobReached(tokenId: id, jobId: notMine.id))
            #expect(try await catalog.listJobs(boundTo: id, state: nil, limit: 10).map(\.id) == [mine.id])
            #expect(try await catalog.listJobs(boundTo: id, state: .succeeded, limit: 10).isEmpty)

            // A binding to a case that does not exist is refused, and nothing is created.
            let before = try await catalog.listTokens(userId: alice.id).count
            await expectCatalogError(\.isNotFound) {
                _ = try await catalog.createSessionToken(userId: alice.id, session: "s1", caseId: "nope", expiresAt: nil)
            }
            #expect(try await catalog.listTokens(userId: alice.id).count == before)

            // A deleted case is no longer bound.
            try await catalog.deleteCase(caseId: created.id, by: .user(alice.id))
            #expect(try await catalog.casesReached(tokenId: id) == [opened.id: .whole])

            // The session ends: its token stops working even though nobody revoked it.
            _ = try await catalog.endDataSession(id: "s1", reason: "stopped", logDigest: nil)
            #expect(try await catalog.authenticate(token: token.secret) == nil)
            #expect(try await catalog.listTokens(userId: alice.id).first { $0.id == id }?.revokedAt == nil)
            // A token of a session the catalog does not know works nowhere.
            let orphan = try await catalog.createSessionToken(userId: alice.id, session: "unknown", caseId: nil, expiresAt: nil)
            #expect(try await catalog.authenticate(token: orphan.secret) == nil)
        }
    }

    @Test("token bindings: a job's token reads its input version while the job runs", arguments: DatabaseKind.available)
    func jobTokenBindings(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            let input = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "input", head: Self.digest("a"))
            let other = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "other", head: Self.digest("b"))
            _ = try await catalog.submitJob(userId: alice.id, app: "transport", appVersion: "1.0", caseId: input.id, inputNumber: 1,
                                            priority: 5, timeoutSeconds: 60, scheduledAt: nil, sessionId: nil, by: .user(alice.id))
            let job = try #require(try await catalog.claimNextJob(node: "n1", leaseUntil: Date() + 600))
            let token = try await catalog.createJobToken(job: job, expiresAt: Date() + 3600)
            #expect(token.token.scopes == [Catalog.jobScope])
            #expect(try await catalog.authenticate(token: token.secret)?.binding == .job(job.id))
            #expect(try await catalog.casesReached(tokenId: token.token.id) == [input.id: .version(1)])
            #expect(try await catalog.caseReach(tokenId: token.token.id, caseId: other.id) == nil)

            // Once the job is no longer running, its token is dead.
            _ = try await catalog.finishJob(id: job.id, node: "n1", state: .succeeded, resultNumber: nil, reason: nil, logDigest: nil)
            #expect(try await catalog.authenticate(token: token.secret) == nil)
        }
    }
}
