import Foundation
import Testing
@testable import Sessions

@Suite struct SeatLeaseTests {
    @Test func renewsAfterAThirdAndLapsesAtExpiry() {
        let t0 = Date(timeIntervalSince1970: 0)
        var lease = SeatLease(seatId: "s", until: t0.addingTimeInterval(30), duration: 30)
        #expect(lease.decide(now: t0.addingTimeInterval(5)) == .keep)
        #expect(lease.decide(now: t0.addingTimeInterval(11)) == .renew(t0.addingTimeInterval(41)))
        lease.renewed(until: t0.addingTimeInterval(41))
        lease.renewed(until: t0.addingTimeInterval(20))  // never shortened
        #expect(lease.until == t0.addingTimeInterval(41))
        #expect(lease.decide(now: t0.addingTimeInterval(41)) == .lapsed)
    }
}
