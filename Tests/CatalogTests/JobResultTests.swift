import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @Test("jobs: a result is saved only by the attempt that still owns the job, with its success, atomically",
          arguments: DatabaseKind.available)
    func fencedResult(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let alice = try await Self.user(catalog, "alice")
            try await Self.appWithVersion(catalog, "transport")
            let h1 = Self.digest("in"), h2 = Self.digest("out-a"), h3 = Self.digest("out-b")
            let created = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "scenario", head: h1)
            let submitted = try await catalog.submitJob(userId: alice.id, app: "transport", appVersion: "1.0", caseId: created.id,
                                                        inputNumber: 1, priority: 5, timeoutSeconds: 600, scheduledAt: nil,
                                                        sessionId: nil, by: .user(alice.id), now: Self.t0)
            let first = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 2, now: Self.t0))
            // Node a stalls; its lease lapses and node b runs the job again.
            #expect(try await catalog.requeueExpiredJobs(now: Self.t0 + 3, rule: Self.lostJob).map(\.id) == [submitted.id])
            let second = try #require(try await catalog.claimNextJob(node: "node-b", leaseUntil: Self.t0 + 60, now: Self.t0 + 4))
            #expect(second.attempts == 2)
            // Node a comes back with its finished output: nothing is saved.
            #expect(try await catalog.saveJobResult(id: first.id, node: "node-a", attempt: first.attempts, caseId: created.id,
                                                    expectedHead: h1, newHead: h2, number: 2, size: 10, by: .user(alice.id)) == nil)
            #expect(try await catalog.caseRecord(id: created.id)?.headNumber == 1)
            // Node b's result lands as version 2 and the job succeeds with it, in one step.
            let (record, job) = try #require(try await catalog.saveJobResult(
                id: second.id, node: "node-b", attempt: second.attempts, caseId: created.id, expectedHead: h1, newHead: h3,
                number: 2, size: 10, by: .user(alice.id)))
            #expect(record.headNumber == 2 && record.headDigest == h3)
            #expect(job.state == .succeeded && job.resultNumber == 2 && job.node == "node-b")
            try await catalog.attachJobLog(id: job.id, node: "node-b", attempt: 2, logDigest: "log-b")
            try await catalog.attachJobLog(id: job.id, node: "node-a", attempt: 1, logDigest: "log-a")
            #expect(try await catalog.job(id: job.id)?.logDigest == "log-b")
            // Saved once: a second save by the same attempt is stale too.
            #expect(try await catalog.saveJobResult(id: second.id, node: "node-b", attempt: 2, caseId: created.id, expectedHead: h3,
                                                    newHead: h2, number: 3, size: 10, by: .user(alice.id)) == nil)
            #expect(try await catalog.caseHistory(caseId: created.id).map(\.number) == [2, 1])
        }
    }
}
