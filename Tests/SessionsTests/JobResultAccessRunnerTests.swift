import Catalog
import Foundation
import Store
import Testing
@testable import Sessions

extension JobRunnerTests {
    @Test func aScheduledJobWhoseShareWasRemovedKeepsItsResultAsANewCaseOfItsUser() async throws {
        let fixture = try await SessionFixture()
        let olga = try await fixture.catalog.createUser(name: "olga", displayName: "Olga", password: "correct horse battery", role: .user)
        let saved = try fixture.cases.save(from: MemorySource(Array("demand 7".utf8)), name: "olga's plan", app: "ok")
        let shared = try await fixture.catalog.createCase(app: "ok", ownerId: olga.id, name: "olga's plan", head: saved.manifestDigest,
                                                          number: 1, size: saved.version.size, by: .user(olga.id))
        try await fixture.catalog.shareCase(caseId: shared.id, with: .user(fixture.user.id), access: .write, by: .user(olga.id))
        let job = try await fixture.catalog.submitJob(userId: fixture.user.id, app: "ok", appVersion: "1", caseId: shared.id,
                                                      inputNumber: 1, priority: 5, timeoutSeconds: 60,
                                                      scheduledAt: Date().addingTimeInterval(1), sessionId: nil,
                                                      by: .user(fixture.user.id), now: Date())
        // Before it runs, the owner stops sharing the case.
        try await fixture.catalog.unshareCase(caseId: shared.id, with: .user(fixture.user.id), by: .user(olga.id))
        let runner = Task { await fixture.jobs.run() }
        let done = try await finished(fixture, job.id)
        #expect(done.state == .succeeded, "\(done.reason ?? "")")
        // Nothing was written into olga's case.
        let untouched = try #require(try await fixture.catalog.caseRecord(id: shared.id))
        #expect(untouched.headNumber == 1 && untouched.headDigest == shared.headDigest)
        #expect(try await fixture.catalog.caseHistory(caseId: shared.id).map(\.number) == [1])
        // The result is a new case of the job's user, and the job says so.
        let keptId = try #require(done.resultCaseId)
        #expect(keptId != shared.id && done.resultCase == keptId && done.resultNumber == 1)
        let kept = try #require(try await fixture.catalog.caseRecord(id: keptId))
        #expect(kept.ownerId == fixture.user.id && kept.app == "ok" && kept.headNumber == 1)
        #expect(kept.name == "olga's plan (result of job \(job.id))")
        #expect(try fixture.caseContent(kept, version: 1) == "demand 7 solved")
        // A case of its own: olga's history is not in it.
        #expect(try fixture.cases.manifest(kept.headDigest).versions.count == 1)
        #expect(try fixture.cases.manifest(kept.headDigest).parent == nil)
        #expect(done.reason == "the case is no longer shared with the job's user: the result was kept as the new case "
                    + "'\(kept.name)' (\(kept.id)) instead of case \(shared.id)")
        runner.cancel()
        await runner.value  // its pass may still be using the catalog
        await fixture.close()
    }
}
