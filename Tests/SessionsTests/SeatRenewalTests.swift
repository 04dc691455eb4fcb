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
        // No lease known yet at the first tick: renewed.
        try await Self.expectRenewedOnlyWhenDue(fixture, first: { await fixture.manager.tick(now: $0) },
                                                then: { await fixture.manager.tick(now: $0) })
        await fixture.manager.stop(record.id)
        await fixture.close()
    }

    @Test func theJobRunnerRenewsAJobsSeatOnlyWhenItsLeaseIsDue() async throws {
        let fixture = try await SessionFixture(leaseSeconds: 30)
        let input = try await fixture.makeCase(app: "sleep", content: "input")
        _ = try await fixture.catalog.submitJob(userId: fixture.user.id, app: "sleep", appVersion: "1", caseId: input.id, inputNumber: 1,
                                                priority: 5, timeoutSeconds: 600, scheduledAt: nil, sessionId: nil,
                                                by: .user(fixture.user.id), now: Date())
        // The first pass claims the job and takes its seat; supervising renews it.
        try await Self.expectRenewedOnlyWhenDue(fixture, first: { await fixture.jobs.pass(now: $0) },
                                                then: { await fixture.jobs.supervise(now: $0) })
        await fixture.close()
    }

    /// Runs `first` at t0 and `then` 5 s and 11 s later, and checks the one held seat's 30 s lease:
    /// until t0 + 30 after `first`, kept while a sixth of it is used, renewed to t0 + 41 once over a third is.
    static func expectRenewedOnlyWhenDue(_ fixture: SessionFixture, first: (Date) async -> Void,
                                         then: (Date) async -> Void) async throws {
        let t0 = Date()
        func leaseUntil() async throws -> Date? { try await fixture.catalog.heldSeats().first?.leaseUntil }

        await first(t0)
        let taken = try #require(try await leaseUntil())
        #expect(abs(taken.timeIntervalSince(t0.addingTimeInterval(30))) < 0.01)

        await then(t0.addingTimeInterval(5))  // a sixth used: kept
        #expect(try await leaseUntil() == taken)

        await then(t0.addingTimeInterval(11))  // over a third used: renewed
        let renewed = try #require(try await leaseUntil())
        #expect(abs(renewed.timeIntervalSince(t0.addingTimeInterval(41))) < 0.01)
    }
}
