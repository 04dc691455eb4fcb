import Foundation
import Testing
@testable import Sessions

@Suite struct DataSessionMachineTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    let timeouts = SessionTimeouts(launch: 30, reconnectWindow: 300, idle: 3600)

    func ready() -> DataSessionMachine {
        var machine = DataSessionMachine(started: t0, timeouts: timeouts)
        #expect(machine.handle(.ready(t0.addingTimeInterval(1))) == [.publish])
        return machine
    }

    @Test func readyThenStopOnRequestEndsStopped() {
        var machine = ready()
        #expect(machine.handle(.stop(.requested)) == [.terminate(.requested)])
        #expect(machine.handle(.stop(.requested)) == [])
        #expect(machine.handle(.exited(.signaled(15), t0)) == [.finish(.stopped(.requested))])
        #expect(machine.isEnded)
        #expect(machine.handle(.stop(.idle)) == [])
    }

    @Test func crashBeforeReadyFinishesAsCrash() {
        var machine = DataSessionMachine(started: t0, timeouts: timeouts)
        #expect(machine.handle(.exited(.exited(3), t0)) == [.finish(.crashed(.exited(3)))])
        #expect(machine.handle(.ready(t0)) == [])
    }

    @Test func notReadyWithinLaunchTimeoutIsStopped() {
        var machine = DataSessionMachine(started: t0, timeouts: timeouts)
        #expect(machine.handle(.tick(t0.addingTimeInterval(29))) == [])
        #expect(machine.handle(.tick(t0.addingTimeInterval(31))) == [.terminate(.notReady)])
        #expect(machine.handle(.exited(.signaled(9), t0)) == [.finish(.stopped(.notReady))])
    }

    @Test func cleanExitOnItsOwnIsExitedOtherwiseCrashed() {
        var a = ready()
        #expect(a.handle(.exited(.exited(0), t0)) == [.finish(.exited)])
        var b = ready()
        #expect(b.handle(.exited(.signaled(11), t0)) == [.finish(.crashed(.signaled(11)))])
    }

    @Test func closedTabKeepsTheSessionForTheReconnectWindow() {
        var machine = ready()
        let opened = t0.addingTimeInterval(2)
        _ = machine.handle(.socketOpened(opened))
        #expect(machine.handle(.tick(opened.addingTimeInterval(1000))) == [])  // open socket, traffic 1000 s ago: not idle yet
        let closed = opened.addingTimeInterval(1000)
        _ = machine.handle(.socketClosed(closed))
        #expect(machine.handle(.tick(closed.addingTimeInterval(299))) == [])
        _ = machine.handle(.socketOpened(closed.addingTimeInterval(299)))  // the tab came back
        #expect(machine.handle(.tick(closed.addingTimeInterval(400))) == [])
        _ = machine.handle(.socketClosed(closed.addingTimeInterval(400)))
        #expect(machine.handle(.tick(closed.addingTimeInterval(701))) == [.terminate(.disconnected)])
    }

    @Test func idleSessionIsCulledUnlessASolveRuns() {
        var machine = ready()
        _ = machine.handle(.socketOpened(t0.addingTimeInterval(2)))
        _ = machine.handle(.solveStarted)
        #expect(machine.handle(.tick(t0.addingTimeInterval(5000))) == [])  // solving counts as activity
        _ = machine.handle(.solveEnded(t0.addingTimeInterval(5000)))
        #expect(machine.handle(.tick(t0.addingTimeInterval(5000 + 3599))) == [])
        _ = machine.handle(.request(t0.addingTimeInterval(5000 + 3599)))
        #expect(machine.handle(.tick(t0.addingTimeInterval(5000 + 3599 + 3599))) == [])
        #expect(machine.handle(.tick(t0.addingTimeInterval(5000 + 3599 + 3601))) == [.terminate(.idle)])
    }

    @Test func socketCountNeverGoesNegative() {
        var machine = ready()
        _ = machine.handle(.socketClosed(t0))
        _ = machine.handle(.socketClosed(t0))
        #expect(machine.sockets == 0)
        _ = machine.handle(.socketOpened(t0))
        #expect(machine.sockets == 1)
        #expect(machine.unattendedSince == nil)
    }
}
