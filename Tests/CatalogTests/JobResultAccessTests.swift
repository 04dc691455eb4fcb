import Catalog
import Foundation
import Testing

/// A job's result is written into its case only if the job's user may still write it, checked
/// in the transaction that writes; otherwise it is kept as a new case of that user.
extension CatalogRepositoryTests {
    /// Alice's case shared with bob for writing, and bob's job on it, running on `node-a`.
    /// `shareWith` names whom the case is shared with (default: bob himself).
    static func sharedCaseJob(_ catalog: Catalog, shareWith subject: (Catalog, User) async throws -> Subject = { .user($1.id) })
        async throws -> (alice: User, bob: User, caseRecord: CaseRecord, job: JobRecord) {
        let alice = try await Self.user(catalog, "alice"), bob = try await Self.user(catalog, "bob")
        try await Self.appWithVersion(catalog, "transport")
        let created = try await catalog.createCase(app: "transport", ownerId: alice.id, name: "scenario", head: Self.digest("in"))
        try await catalog.shareCase(caseId: created.id, with: try await subject(catalog, bob), access: .write, by: .user(alice.id))
        _ = try await catalog.submitJob(userId: bob.id, app: "transport", appVersion: "1.0", caseId: created.id, inputNumber: 1,
                                        priority: 5, timeoutSeconds: 600, scheduledAt: Self.t0 + 86400 * 365, sessionId: nil,
                                        by: .user(bob.id), now: Self.t0)
        // A year later it runs.
        let job = try #require(try await catalog.claimNextJob(node: "node-a", leaseUntil: Self.t0 + 86400 * 366,
                                                              now: Self.t0 + 86400 * 365))
        return (alice, bob, created, job)
    }

    @Test("job results: a job whose case share was removed writes nothing into it; its result is a new case of its user",
          arguments: DatabaseKind.available)
    func resultAfterShareRemoved(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let (alice, bob, created, job) = try await Self.sharedCaseJob(catalog)
            try await catalog.unshareCase(caseId: created.id, with: .user(bob.id), by: .user(alice.id))
            let later = Self.t0 + 86400 * 365 + 60
            do {
                _ = try await catalog.saveJobResult(id: job.id, node: "node-a", attempt: job.attempts, caseId: created.id,
                                                    expectedHead: created.headDigest, newHead: Self.digest("out"), number: 2, size: 3,
                                                    by: .user(bob.id), now: later)
                Issue.record("the result was saved into a case its user may no longer write")
            } catch CatalogError.forbidden(let why) {
                #expect(why == "the case is no longer shared with the job's user")
            }
            #expect(try await catalog.caseRecord(id: created.id)?.headNumber == 1)
            #expect(try await catalog.caseHistory(caseId: created.id).map(\.number) == [1])
            #expect(try await catalog.job(id: job.id)?.state == .running, "nothing of the refused save stays")

            let name = Catalog.keptResultName(caseName: created.name, jobId: job.id)
            let (kept, done) = try #require(try await catalog.keepJobResultAsNewCase(
                id: job.id, node: "node-a", attempt: job.attempts, name: name, head: Self.digest("out-alone"), size: 3,
                why: "the case is no longer shared with the job's user", resultStatus: "optimal", now: later))
            #expect(kept.ownerId == bob.id && kept.app == "transport" && kept.id != created.id)
            #expect(kept.name == "scenario (result of job \(job.id))" && kept.headNumber == 1 && kept.headDigest == Self.digest("out-alone"))
            #expect(done.state == .succeeded && done.resultNumber == 1 && done.resultCaseId == kept.id && done.resultCase == kept.id)
            #expect(done.resultStatus == "optimal")
            #expect(done.reason == "the case is no longer shared with the job's user: the result was kept as the new case "
                        + "'\(name)' (\(kept.id)) instead of case \(created.id)")
            #expect(try await catalog.job(id: job.id) == done)
            #expect(try await catalog.caseAccess(caseId: kept.id, userId: bob.id) == .owner)
            #expect(try await catalog.caseAccess(caseId: kept.id, userId: alice.id) == nil)
            // Fenced like any result: the same attempt cannot keep a second one.
            #expect(try await catalog.keepJobResultAsNewCase(id: job.id, node: "node-a", attempt: job.attempts, name: name + "!",
                                                             head: Self.digest("again"), size: 3, why: "again") == nil)
            #expect(try await catalog.casesVisible(to: bob.id).map(\.id) == [kept.id])
        }
    }

    @Test("job results: a share cut to reading, or a group membership ended, also keeps the result out of the case",
          arguments: DatabaseKind.available)
    func resultAfterAccessNarrowed(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let (alice, bob, created, job) = try await Self.sharedCaseJob(catalog)
            try await catalog.shareCase(caseId: created.id, with: .user(bob.id), access: .read, by: .user(alice.id))
            await expectCatalogError({ $0 == .forbidden("the case is shared with the job's user for reading only now") }) {
                _ = try await catalog.saveJobResult(id: job.id, node: "node-a", attempt: job.attempts, caseId: created.id,
                                                    expectedHead: created.headDigest, newHead: Self.digest("out"), number: 2, size: 3,
                                                    by: .user(bob.id))
            }
            #expect(try await catalog.caseRecord(id: created.id)?.headNumber == 1)
        }
        try await kind.withCatalog { catalog, _ in
            let (_, bob, created, job) = try await Self.sharedCaseJob(catalog) { catalog, bob in
                let group = try await catalog.createGroup(name: "planners")
                try await catalog.addMember(groupId: group.id, userId: bob.id)
                return .group(group.id)
            }
            let group = try #require(try await catalog.group(named: "planners"))
            try await catalog.removeMember(groupId: group.id, userId: bob.id)
            await expectCatalogError({ $0 == .forbidden("the case is no longer shared with the job's user") }) {
                _ = try await catalog.saveJobResult(id: job.id, node: "node-a", attempt: job.attempts, caseId: created.id,
                                                    expectedHead: created.headDigest, newHead: Self.digest("out"), number: 2, size: 3,
                                                    by: .user(bob.id))
            }
        }
    }

    @Test("job results: while the share lasts the result is the case's next version", arguments: DatabaseKind.available)
    func resultWhileShared(_ kind: DatabaseKind) async throws {
        try await kind.withCatalog { catalog, _ in
            let (_, bob, created, job) = try await Self.sharedCaseJob(catalog)
            let (record, done) = try #require(try await catalog.saveJobResult(
                id: job.id, node: "node-a", attempt: job.attempts, caseId: created.id, expectedHead: created.headDigest,
                newHead: Self.digest("out"), number: 2, size: 3, by: .user(bob.id)))
            #expect(record.id == created.id && record.headNumber == 2)
            #expect(done.resultCaseId == nil && done.resultCase == created.id && done.reason == nil)
        }
    }
}
