import Catalog
import Foundation
import Testing

extension CatalogRepositoryTests {
    @discardableResult
    static func submit(_ catalog: Catalog, priority: Int = 5, at now: Date = t0, scheduledAt: Date? = nil,
                       user: String = "alice") async throws -> JobRecord {
        try await catalog.submitJob(userId: user, app: "transport", appVersion: "1.0", caseId: "case-1", inputNumber: 3,
                                    priority: priority, timeoutSeconds: 600, scheduledAt: scheduledAt, sessionId: nil,
                                    by: .user(user), now: now)
    }

    @Test("jobs: 4 concurrent claimers take 50 jobs, each exactly once", arguments: DatabaseKind.available)
    func concurrentClaims(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, configuration in
            var submitted: Set<String> = []
            for i in 0..<50 { submitted.insert(try await Self.submit(catalog, priority: i % 10, at: Self.t0 + Double(i)).id) }
            try await kind.withNodes(catalog, configuration, count: 4) { nodes in
                let claims = try await nodes.claimAll(leaseUntil: Self.t0 + 1000, now: Self.t0 + 100)
                #expect(claims.count == 50)
                #expect(Set(claims.map(\.id)) == submitted)
                #expect(claims.allSatisfy { $0.state == .running && $0.attempts == 1 && $0.node != nil })
                let running = try await catalog.listJobs(userId: nil, state: .running, limit: 100)
                #expect(running.count == 50)
                for job in claims { #expect(running.first { $0.id == job.id }?.node == job.node) }
                #expect(try await catalog.listJobs(userId: nil, state: .queued, limit: 100).isEmpty)
            }
        }
    }

    @Test("jobs: claimed by priority, then oldest; not before their scheduled time", arguments: DatabaseKind.available)
    func claimOrder(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let low = try await Self.submit(catalog, priority: 1, at: Self.t0)
            let high1 = try await Self.submit(catalog, priority: 5, at: Self.t0 + 1)
            let high2 = try await Self.submit(catalog, priority: 5, at: Self.t0 + 2)
            let later = try await Self.submit(catalog, priority: 9, at: Self.t0 + 3, scheduledAt: Self.t0 + 100)
            #expect(later.scheduledAt == Self.t0 + 100 && low.scheduledAt == Self.t0)
            #expect(try await catalog.nextScheduledJobTime(now: Self.t0 + 10) == Self.t0 + 100)
            var order: [String] = []
            while let job = try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 500, now: Self.t0 + 10) {
                order.append(job.id)
                #expect(job.startedAt == Self.t0 + 10 && job.leaseUntil == Self.t0 + 500)
            }
            #expect(order == [high1.id, high2.id, low.id])
            #expect(try await catalog.claimNextJob(node: "n", leaseUntil: Self.t0 + 500, now: Self.t0 + 100)?.id == later.id)
            #expect(try await catalog.nextScheduledJobTime(now: Self.t0 + 100) == nil)
            await expectCatalogError(\.isInvalid) { _ = try await Self.submit(catalog, priority: 10) }
        }
    }

    @Test("jobs: only the running node (and attempt) may renew, report progress and finish", arguments: DatabaseKind.available)
    func finishFromWrongNode(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let submitted = try await Self.submit(catalog)
            let job = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0))
            #expect(job.id == submitted.id)
            #expect(try await catalog.finishJob(id: job.id, node: "node-b", state: .succeeded, resultNumber: 4, reason: nil,
                                                logDigest: nil, now: Self.t0 + 5) == nil)
            #expect(try await catalog.renewJobLease(id: job.id, node: "node-b", until: Self.t0 + 120) == false)
            #expect(try await catalog.renewJobLease(id: job.id, node: "node-a", until: Self.t0 + 120, attempt: 2) == false)
            #expect(try await catalog.renewJobLease(id: job.id, node: "node-a", until: Self.t0 + 120, attempt: 1))
            #expect(try await catalog.setJobProgress(id: job.id, node: "node-b", text: "nope") == false)
            try await catalog.setJobProgress(id: job.id, node: "node-a", text: "progress: " + String(repeating: "é", count: 3000))
            let progress = try #require(try await catalog.job(id: job.id)?.progress)
            #expect(progress.utf8.count <= 4096 && progress.hasPrefix("progress: é"))
            let done = try #require(try await catalog.finishJob(id: job.id, node: "node-a", state: .succeeded, resultNumber: 4,
                                                                reason: nil, logDigest: "abc", now: Self.t0 + 10))
            #expect(done.state == .succeeded && done.resultNumber == 4 && done.finishedAt == Self.t0 + 10 && done.logDigest == "abc")
            #expect(done.leaseUntil == nil && done.node == "node-a")
            // Finished: a second finish is stale.
            #expect(try await catalog.finishJob(id: job.id, node: "node-a", state: .failed, resultNumber: nil, reason: "x",
                                                logDigest: nil, now: Self.t0 + 11) == nil)
            await expectCatalogError(\.isInvalid) {
                _ = try await catalog.finishJob(id: job.id, node: "node-a", state: .running, resultNumber: nil, reason: nil, logDigest: nil)
            }
            #expect(try await catalog.auditLog(limit: 10, target: "job:\(job.id)").map(\.action) == ["job.finish", "job.start", "job.submit"])
        }
    }

    @Test("jobs: an expired lease requeues the job, attempts kept; the third expiry fails it", arguments: DatabaseKind.available)
    func requeueExpired(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let submitted = try await Self.submit(catalog)
            var now = Self.t0
            for attempt in 1...3 {
                let job = try #require(try await catalog.claimNextJob(node: "node-\(attempt)", leaseUntil: now + 60, now: now))
                #expect(job.id == submitted.id && job.attempts == attempt)
                #expect(try await catalog.requeueExpiredJobs(now: now + 59, rule: Self.lostJob).isEmpty)
                now += 61
                let changed = try await catalog.requeueExpiredJobs(now: now, rule: Self.lostJob)
                #expect(changed.count == 1)
                let after = try #require(changed.first)
                #expect(after.attempts == attempt)
                if attempt < 3 {
                    #expect(after.state == .queued && after.node == nil && after.leaseUntil == nil)
                } else {
                    #expect(after.state == .failed && after.reason == "lost 3 times")
                    #expect(after.finishedAt == now)
                }
                // The node that lost the lease can no longer finish it.
                #expect(try await catalog.finishJob(id: job.id, node: "node-\(attempt)", state: .succeeded, resultNumber: 1,
                                                    reason: nil, logDigest: nil, now: now) == nil)
            }
            #expect(try await catalog.claimNextJob(node: "node-4", leaseUntil: now + 60, now: now) == nil)
            // The same node claiming again cannot be confused with its lost attempt.
            let second = try await Self.submit(catalog, at: now)
            _ = try await catalog.claimNextJob(node: "node-a", leaseUntil: now + 10, now: now)
            _ = try await catalog.requeueExpiredJobs(now: now + 11, rule: Self.lostJob)
            let again = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: now + 100, now: now + 12))
            #expect(again.id == second.id && again.attempts == 2)
            #expect(try await catalog.finishJob(id: second.id, node: "node-a", state: .succeeded, resultNumber: 1, reason: nil,
                                                logDigest: nil, now: now + 13, attempt: 1) == nil)
            #expect(try await catalog.finishJob(id: second.id, node: "node-a", state: .succeeded, resultNumber: 1, reason: nil,
                                                logDigest: nil, now: now + 13, attempt: 2)?.state == .succeeded)
        }
    }

    @Test("jobs: cancelling a queued job cancels it; a running one is asked to stop", arguments: DatabaseKind.available)
    func cancelJobs(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let running = try await Self.submit(catalog, priority: 9)
            let queued = try await Self.submit(catalog, priority: 1)
            _ = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0))
            let cancelledQueued = try await catalog.requestJobCancel(id: queued.id, by: .user("alice"), now: Self.t0 + 1)
            #expect(cancelledQueued.state == .cancelled && cancelledQueued.finishedAt == Self.t0 + 1)
            #expect(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 60, now: Self.t0 + 2) == nil)
            let asked = try await catalog.requestJobCancel(id: running.id, by: .user("alice"), now: Self.t0 + 3)
            #expect(asked.state == .running && asked.cancelRequested)
            let stopped = try await catalog.finishJob(id: running.id, node: "node-a", state: .cancelled, resultNumber: nil,
                                                      reason: "cancelled by alice", logDigest: nil, now: Self.t0 + 4)
            #expect(stopped?.state == .cancelled)
            // Cancelling a finished job changes nothing; an unknown job is not found.
            #expect(try await catalog.requestJobCancel(id: running.id, by: .user("alice"), now: Self.t0 + 5).finishedAt == Self.t0 + 4)
            await expectCatalogError(\.isNotFound) { _ = try await catalog.requestJobCancel(id: "nope", by: .system) }
            // A running job whose cancel was requested and whose node died ends cancelled, not requeued.
            let orphan = try await Self.submit(catalog, at: Self.t0 + 6)
            _ = try await catalog.claimNextJob(node: "node-b", leaseUntil: Self.t0 + 20, now: Self.t0 + 6)
            _ = try await catalog.requestJobCancel(id: orphan.id, by: .system, now: Self.t0 + 7)
            #expect(try await catalog.requeueExpiredJobs(now: Self.t0 + 30, rule: Self.lostJob).map(\.state) == [.cancelled])
            let alice = try await catalog.listJobs(userId: "alice", state: nil, limit: 10)
            #expect(alice.map(\.id) == [orphan.id, queued.id, running.id])
        }
    }
}
