import Catalog
import Foundation
import Testing

/// Jobs going back to the queue. What becomes of each is decided outside the catalog (Sessions'
/// `JobMachine`); these tests hand it rules of their own and check that the catalog carries the
/// verdict out, fenced by state, node and attempt.
extension CatalogRepositoryTests {
    /// A stand-in for `JobMachine`'s rule for a lost job.
    static let lostJob: JobHandBack.Rule = { job in
        if job.cancelRequested { return .cancel(reason: "cancelled; lost") }
        return job.attempts >= job.maxAttempts ? .fail(reason: "lost \(job.attempts) times") : .requeue(countAttempt: true)
    }

    @Test("jobs: a job given back by its node is queued again or ended as its rule says, fenced by node and attempt",
          arguments: DatabaseKind.available)
    func releaseByRule(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let submitted = try await Self.submit(catalog)
            let first = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0))
            // Not running there, or not in that attempt: nothing changes, and the rule is not asked.
            let never: JobHandBack.Rule = { _ in .fail(reason: "must not be asked") }
            #expect(try await catalog.releaseJob(id: first.id, node: "node-b", now: Self.t0 + 1, attempt: 1, rule: never) == nil)
            #expect(try await catalog.releaseJob(id: first.id, node: "node-a", now: Self.t0 + 1, attempt: 2, rule: never) == nil)
            // Given back of its own accord: the attempt is not counted.
            let back = try #require(try await catalog.releaseJob(id: first.id, node: "node-a", now: Self.t0 + 1, attempt: 1,
                                                                 rule: { _ in .requeue(countAttempt: false) }))
            #expect(back.state == .queued && back.attempts == 0 && back.node == nil && back.startedAt == nil)
            // Lost: the attempt counts.
            _ = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0 + 2))
            let lost = try #require(try await catalog.releaseJob(id: first.id, node: "node-a", now: Self.t0 + 3, attempt: 1,
                                                                 rule: Self.lostJob))
            #expect(lost.state == .queued && lost.attempts == 1)
            // The rule sees the job as it is now (attempt 2) and ends it.
            _ = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0 + 4))
            let failed = try #require(try await catalog.releaseJob(id: first.id, node: "node-a", now: Self.t0 + 5, attempt: 2,
                                                                   rule: { .fail(reason: "ended at attempt \($0.attempts)") }))
            #expect(failed.state == .failed && failed.reason == "ended at attempt 2" && failed.finishedAt == Self.t0 + 5)
            #expect(try await catalog.auditLog(limit: 10, target: "job:\(submitted.id)").map(\.action)
                    == ["job.fail", "job.start", "job.release", "job.start", "job.release", "job.start", "job.submit"])
        }
    }

    @Test("cluster: a dead node's running jobs go back as the master's rule says, fenced by its lease",
          arguments: DatabaseKind.available)
    func deadNodeJobsByRule(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let lease = try #require(try await catalog.acquireMaster(node: "node-a", leaseUntil: Self.t0 + 600, now: Self.t0))
            try await catalog.registerNode(name: "node-a", address: "https://a:8443", incarnation: "a1", solveSlots: 2, now: Self.t0)
            try await catalog.registerNode(name: "node-b", address: "https://b:8443", incarnation: "b1", solveSlots: 2, now: Self.t0)
            let requeued = try await Self.submit(catalog, priority: 9)
            let cancelled = try await Self.submit(catalog, priority: 8)
            _ = try #require(try await catalog.claimNextJob(node: "node-b", leaseUntil: Self.t0 + 600, now: Self.t0 + 1))
            _ = try #require(try await catalog.claimNextJob(node: "node-b", leaseUntil: Self.t0 + 600, now: Self.t0 + 1))
            _ = try await catalog.requestJobCancel(id: cancelled.id, by: .system, now: Self.t0 + 2)
            #expect(try await catalog.heartbeat(name: "node-a", incarnation: "a1", runningJobs: 0, dataSessions: 0, now: Self.t0 + 55))
            // A stale token decides nothing.
            await expectCatalogError(\.isStaleFence) {
                _ = try await catalog.declareDeadNodes(master: "node-a", token: lease.token + 1, heartbeatBefore: Self.t0 + 50,
                                                       now: Self.t0 + 60, rule: Self.lostJob)
            }
            #expect(try await catalog.job(id: requeued.id)?.state == .running)
            let cleanups = try await catalog.declareDeadNodes(master: "node-a", token: lease.token, heartbeatBefore: Self.t0 + 50,
                                                              now: Self.t0 + 60, rule: Self.lostJob)
            #expect(cleanups == [DeadNodeCleanup(node: "node-b", requeuedJobs: [requeued.id], failedJobs: [cancelled.id],
                                                 lostSessions: [], revokedTokens: [])])
            let back = try #require(try await catalog.job(id: requeued.id))
            #expect(back.state == .queued && back.attempts == 1 && back.node == nil)
            let ended = try #require(try await catalog.job(id: cancelled.id))
            #expect(ended.state == .cancelled && ended.reason == "cancelled; lost" && ended.finishedAt == Self.t0 + 60)
            #expect(try await catalog.node(name: "node-b")?.state == .dead)
        }
    }
}
