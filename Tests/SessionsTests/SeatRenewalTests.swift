import Catalog
import Foundation
import Testing
@testable import Sessions

/// The session manager's tick renews this node's data seats when their `SeatLease` says so:
/// at once when it has none yet, then only once a third of the lease is used.
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
}
