import Catalog
import Store
import Foundation
import Testing
@testable import Sessions

/// Optimization sessions as real processes on a real catalog and store, driven by the runner's loop.
@Suite(.serialized) struct JobRunnerTests {
    func submit(_ fixture: SessionFixture, app: String, content: String = "input", priority: Int = 5, timeout: Int = 60,
                scheduledAt: Date? = nil) async throws -> (JobRecord, CaseRecord) {
        let record = try await fixture.makeCase(app: app, content: content)
        let job = try await fixture.catalog.submitJob(userId: fixture.user.id, app: app, appVersion: "1", caseId: record.id,
                                                      inputNumber: 1, priority: priority, timeoutSeconds: timeout, scheduledAt: scheduledAt,
                                                      sessionId: nil, by: .user(fixture.user.id), now: Date())
        return (job, record)
    }

    func finished(_ fixture: SessionFixture, _ id: String) async throws -> JobRecord {
        try await waitUntil(seconds: 30) {
            let state = try await fixture.catalog.job(id: id)?.state
            return state == .succeeded || state == .failed || state == .cancelled
        }
        return try #require(try await fixture.catalog.job(id: id))
    }

    @Test func aSolveStoresItsResultAsTheCasesNextVersion() async throws {
        let fixture = try await SessionFixture()
        let runner = Task { await fixture.jobs.run() }
        let (job, record) = try await submit(fixture, app: "ok", content: "demand 42")
        let done = try await finished(fixture, job.id)
        #expect(done.state == .succeeded)
        #expect(done.resultNumber == 2)
        #expect(done.attempts == 1)
        let updated = try #require(try await fixture.catalog.caseRecord(id: record.id))
        #expect(updated.headNumber == 2)
        #expect(try fixture.caseContent(updated, version: 2) == "demand 42 solved")
        #expect(try fixture.caseContent(updated, version: 1) == "demand 42")
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        // The last progress line is the job's, not whichever write won a race.
        #expect(done.progress == "done")
        #expect(done.resultStatus == "optimal")
        #expect(done.foundSolution)
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }

    @Test func anInfeasibleSolveSucceedsButSaysItFoundNoSolution() async throws {
        let fixture = try await SessionFixture()
        let runner = Task { await fixture.jobs.run() }
        let (job, _) = try await submit(fixture, app: "infeasible")
        let done = try await finished(fixture, job.id)
        #expect(done.state == .succeeded)
        #expect(done.resultStatus == "infeasible")
        #expect(!done.foundSolution)
        #expect(done.progress == "done")
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }

    @Test func aFailedSolveKeepsItsLogAndSavesNothing() async throws {
        let fixture = try await SessionFixture()
        let runner = Task { await fixture.jobs.run() }
        let (job, record) = try await submit(fixture, app: "fail")
        let done = try await finished(fixture, job.id)
        #expect(done.state == .failed)
        #expect(done.reason == "the runtime failed (exit code 2)")
        let digest = try #require(done.logDigest.flatMap { BlobDigest(hex: $0) })
        let log = String(decoding: try fixture.blobs.read(digest), as: UTF8.self)
        #expect(log.contains("the model is infeasible in a way we cannot report"))
        #expect(try await fixture.catalog.caseRecord(id: record.id)?.headNumber == 1)
        let (silent, _) = try await submit(fixture, app: "silent")
        #expect(try await finished(fixture, silent.id).reason == "the runtime exited without writing a result")
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }

    @Test func aSolvePastItsTimeLimitIsStoppedAndFails() async throws {
        let fixture = try await SessionFixture()
        let runner = Task { await fixture.jobs.run() }
        let (job, _) = try await submit(fixture, app: "sleep", timeout: 1)
        let done = try await finished(fixture, job.id)
        #expect(done.state == .failed)
        #expect(done.reason == "it ran past its time limit")
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }

    @Test func cancellingARunningSolveStopsIt() async throws {
        let fixture = try await SessionFixture()
        let runner = Task { await fixture.jobs.run() }
        let (job, record) = try await submit(fixture, app: "sleep")
        try await waitUntil { try await fixture.catalog.job(id: job.id)?.progress == "sleeping" }
        _ = try await fixture.catalog.requestJobCancel(id: job.id, by: .user(fixture.user.id), now: Date())
        await fixture.jobs.cancelLocal(job.id)
        let done = try await finished(fixture, job.id)
        #expect(done.state == .cancelled)
        #expect(try await fixture.catalog.caseRecord(id: record.id)?.headNumber == 1)
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }

    @Test func higherPriorityRunsFirstAndScheduledJobsWait() async throws {
        let fixture = try await SessionFixture(solveSlots: 1)
        let (low, _) = try await submit(fixture, app: "ok", priority: 1)
        let (later, _) = try await submit(fixture, app: "ok", priority: 9, scheduledAt: Date().addingTimeInterval(3600))
        let (high, _) = try await submit(fixture, app: "ok", priority: 8)
        let runner = Task { await fixture.jobs.run() }
        let highDone = try await finished(fixture, high.id)
        let lowDone = try await finished(fixture, low.id)
        #expect(try #require(highDone.startedAt) <= (try #require(lowDone.startedAt)))
        #expect(try await fixture.catalog.job(id: later.id)?.state == .queued)
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }

    @Test func shutdownGivesRunningJobsBackToTheQueue() async throws {
        let fixture = try await SessionFixture()
        let runner = Task { await fixture.jobs.run() }
        let (job, _) = try await submit(fixture, app: "sleep")
        try await waitUntil { try await fixture.catalog.job(id: job.id)?.progress == "sleeping" }
        await fixture.jobs.shutdown()
        let queued = try #require(try await fixture.catalog.job(id: job.id))
        #expect(queued.state == .queued)
        #expect(try await fixture.catalog.heldSeats().isEmpty)
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }
}
