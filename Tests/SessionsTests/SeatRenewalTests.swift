import Catalog
import Foundation
import Testing
@testable import Sessions

/// The session manager's tick renews this node's data seats, and the job runner's pass each
/// running job's solve seat, when their `SeatLease` says so: only once a third of the lease is
/// used (the session manager at once when it has no lease yet).
@Suite(.serialized) struct SeatRenewalTests {
    @Test func theTickRenewsSeatsOnlyWhenTheLeaseIsDue() async throws {
        let fixture = try await SessionFixture(leaseSeconds: 30)
        let record = try await fixture.manager.launch(userId: fixture.user.id, app: "ok")
        let t0 = Date()
        func leaseUntil() async throws -> Date? { try await fixture.catalog.heldSeats().first?.leaseUntil }

        await fixture.manager.tick(now: t0)  // no lease known yet: renewed
        let first = try #require(try await leaseUntil())
        #expect(abs(first.timeIntervalSince(t0.addingTimeInterval(30))) < 0.01)

        await fixture.manager.tick(now: t0.addingTimeInterval(5))  // a sixth used: kept
        #expect(try await leaseUntil() == first)

        await fixture.manager.tick(now: t0.addingTimeInterval(11))  // over a third used: renewed
        let second = try #require(try await leaseUntil())
        #expect(abs(second.timeIntervalSince(t0.addingTimeInterval(41))) < 0.01)

        await fixture.manager.stop(record.id)
        await fixture.close()
    }

    @Test func theJobRunnerRenewsAJobsSeatOnlyWhenItsLeaseIsDue() async throws {
        let fixture = try await SessionFixture(leaseSeconds: 30)
        let input = try await fixture.makeCase(app: "sleep", content: "input")
        _ = try await fixture.catalog.submitJob(userId: fixture.user.id, app: "sleep", appVersion: "1", caseId: input.id, inputNumber: 1,
                                                priority: 5, timeoutSeconds: 600, scheduledAt: nil, sessionId: nil,
                                                by: .user(fixture.user.id), now: Date())
        let t0 = Date()
        func leaseUntil() async throws -> Date? { try await fixture.catalog.heldSeats().first?.leaseUntil }

        await fixture.jobs.pass(now: t0)  // claims the job and takes its seat until t0 + 30
        let taken = try #require(try await leaseUntil())
        #expect(abs(taken.timeIntervalSince(t0.addingTimeInterval(30))) < 0.01)

        await fixture.jobs.supervise(now: t0.addingTimeInterval(5))  // a sixth used: kept
        #expect(try await leaseUntil() == taken)

        await fixture.jobs.supervise(now: t0.addingTimeInterval(11))  // over a third used: renewed
        let renewed = try #require(try await leaseUntil())
        #expect(abs(renewed.timeIntervalSince(t0.addingTimeInterval(41))) < 0.01)

        await fixture.close()
    }
}
