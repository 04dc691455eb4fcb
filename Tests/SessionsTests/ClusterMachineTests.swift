import Foundation
import Testing
@testable import Sessions

@Suite struct ClusterMachineTests {
    let t0 = Date(timeIntervalSince1970: 1_000)
    let settings = ClusterSettings(node: "a", solveSlots: 2, heartbeat: 4, deadAfter: 12)

    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// A machine that joined at 0 s: a member.
    func member() -> ClusterMachine {
        var machine = ClusterMachine(settings: settings)
        _ = machine.handle(.tick(at(0)))
        _ = machine.handle(.registered(at(0)))
        return machine
    }

    /// A member that became master at 0 s with `token`, its lease until 6 s.
    func master(token: Int64) -> ClusterMachine {
        var machine = member()
        _ = machine.handle(.acquired(token: token, leaseUntil: at(6), since: at(0)))
        return machine
    }

    @Test func timingFollowsTheHeartbeat() {
        #expect(settings.tick == 1)
        #expect(settings.masterLease == 6)
        #expect(settings.masterRenewal == 2)
        #expect(settings.guardTimeout == 10)  // killed before anyone may declare it dead (12)
        #expect(ClusterSettings(node: "a", solveSlots: 1, heartbeat: 4, deadAfter: 1).deadAfter == 8)  // at least two heartbeats
    }

    @Test func joinsThenHeartbeatsOnTimeAndRunsForMaster() {
        var machine = ClusterMachine(settings: settings)
        #expect(machine.handle(.tick(at(0))) == [.register])
        #expect(machine.handle(.registered(at(0))) == [.renewGuard])
        #expect(machine.role == .member)
        #expect(machine.handle(.tick(at(1))) == [.tryAcquireMaster])
        #expect(machine.handle(.tick(at(4))) == [.heartbeat, .tryAcquireMaster])
        #expect(machine.handle(.heartbeat(accepted: true, at(4))) == [.renewGuard])
        #expect(machine.handle(.tick(at(5))) == [.tryAcquireMaster])
    }

    @Test func masterRenewsEveryHalfIntervalAndPassesEveryTick() {
        var machine = member()
        // Master since -20 s: past the dead-after grace (12 s), so it judges at once.
        #expect(machine.handle(.acquired(token: 7, leaseUntil: at(7), since: at(-20))) == [])
        #expect(machine.role == .master(token: 7, leaseUntil: at(7)))
        #expect(machine.handle(.tick(at(2))) == [.masterPass(token: 7)])
        #expect(machine.handle(.tick(at(3))) == [.renewMaster(token: 7), .masterPass(token: 7)])
        #expect(machine.handle(.renewed(leaseUntil: at(9))) == [])
        #expect(machine.handle(.tick(at(4))) == [.heartbeat, .masterPass(token: 7)])
    }

    @Test func aNewMasterJudgesNobodyDeadBeforeTheDeadAfterTime() {
        var machine = master(token: 4)
        #expect(machine.handle(.tick(at(1))) == [])
        var now = 1.0
        while now < 10.5 {
            now += 1
            _ = machine.handle(.heartbeat(accepted: true, at(now)))
            _ = machine.handle(.renewed(leaseUntil: at(now + 6)))
            #expect(!machine.handle(.tick(at(now))).contains(.masterPass(token: 4)))
        }
        _ = machine.handle(.renewed(leaseUntil: at(18)))
        #expect(machine.handle(.tick(at(12.5))).contains(.masterPass(token: 4)))
    }

    @Test func aLeaseThatLapsedUnrenewedEndsMastershipBeforeAnyDecision() {
        var machine = member()
        _ = machine.handle(.heartbeat(accepted: true, at(8)))
        _ = machine.handle(.acquired(token: 3, leaseUntil: at(10), since: at(0)))
        // Paused past its lease: the first tick after it steps down and only then tries again.
        let actions = machine.handle(.tick(at(11)))
        #expect(actions == [.stepDown, .tryAcquireMaster])
        #expect(!actions.contains(.masterPass(token: 3)))
        #expect(machine.role == .member)
    }

    @Test func aStaleFenceOrRefusedRenewalEndsMastership() {
        var machine = master(token: 3)
        #expect(machine.handle(.lostMastership) == [.stepDown])
        #expect(machine.role == .member)
        #expect(machine.handle(.lostMastership) == [])
    }

    @Test func declaredDeadDropsLocalWorkAndJoinsAgain() {
        var machine = master(token: 5)
        #expect(machine.handle(.heartbeat(accepted: false, at(4))) == [.stepDown, .dropLocalWork, .register])
        #expect(machine.role == .joining)
        // A late acquire result for the old incarnation does not make it master.
        #expect(machine.handle(.acquired(token: 6, leaseUntil: at(10), since: at(4))) == [])
        #expect(machine.role == .joining)
    }

    @Test func catalogOutagesEndOnlyALapsedMastership() {
        var machine = master(token: 2)
        #expect(machine.handle(.catalogFailed(at(5))) == [])
        #expect(machine.isMaster)
        #expect(machine.handle(.catalogFailed(at(6))) == [.stepDown])
        #expect(!machine.isMaster)
    }
}
