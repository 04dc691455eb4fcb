import Catalog
import Foundation
import Gateway
import HummingbirdTesting
import Store
import Testing

/// A job whose user could no longer write its input case shows where its result went.
@Suite struct JobResultCaseAPITests {
    @Test func aKeptResultIsNamedByTheJobAndItsCaseIsTheUsers() async throws {
        try await TestGateway.with { client, app in
            let catalog = app.atrium.catalog
            let world = try await BoundTokenTests.world(client, app)
            let bob = try #require(try await catalog.user(named: "bob"))
            try await catalog.shareCase(caseId: world.opened, with: .user(bob.id), access: .write, by: .user(world.alice.id))
            let submitted = try await BoundTokenTests.submit(client, world.bobCaller, world.opened)
            #expect(submitted.status == .created, "\(submitted.text)")
            #expect(try submitted.object()["resultCase"] == nil)
            let later = Date(timeIntervalSince1970: 4_070_908_800 + 60)  // past its scheduled time in 2099
            let job = try #require(try await catalog.claimNextJob(node: "elsewhere", leaseUntil: later + 600, now: later))
            try await catalog.unshareCase(caseId: world.opened, with: .user(bob.id), by: .user(world.alice.id))
            let input = try #require(try await catalog.caseRecord(id: world.opened))
            await #expect(throws: CatalogError.forbidden("the case is no longer shared with the job's user")) {
                _ = try await catalog.saveJobResult(id: job.id, node: "elsewhere", attempt: job.attempts, caseId: world.opened,
                                                    expectedHead: input.headDigest, newHead: BlobDigest.of(Array("out".utf8)),
                                                    number: 2, size: 3, by: .user(bob.id), now: later)
            }
            let (kept, _) = try #require(try await catalog.keepJobResultAsNewCase(
                id: job.id, node: "elsewhere", attempt: job.attempts, name: Catalog.keptResultName(caseName: "opened", jobId: job.id),
                head: BlobDigest.of(Array("out".utf8)), size: 3, why: "the case is no longer shared with the job's user", now: later))
            let shown = try await world.bobCaller.request(client, .get, "/api/v1/jobs/\(job.id)")
            #expect(shown.status == .ok)
            let object = try shown.object()
            #expect(object["state"] as? String == "succeeded" && object["resultNumber"] as? Int == 1)
            #expect(object["resultCase"] as? String == kept.id)
            #expect((object["reason"] as? String)?.hasPrefix("the case is no longer shared with the job's user: the result was kept as the new case") == true)
            // Bob reaches the kept case; alice's is no longer his.
            #expect(try await world.bobCaller.request(client, .get, "/api/v1/cases/\(kept.id)").status == .ok)
            #expect(try await world.bobCaller.request(client, .get, "/api/v1/cases/\(world.opened)").status == .notFound)
        }
    }
}
