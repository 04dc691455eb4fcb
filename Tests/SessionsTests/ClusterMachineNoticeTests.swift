import Catalog
import Foundation
@testable import Sessions
import Testing

/// What the cluster machine makes of job notices: queued work wakes only the master's job
/// runner, an assignment only the assigned node's, and listening again wakes it once to catch up.
extension ClusterMachineTests {
    @Test func queuedJobsWakeOnlyTheMaster() {
        var follower = member()
        #expect(follower.handle(.jobNotice(.queue)) == [])
        var leader = master(token: 7)
        #expect(leader.handle(.jobNotice(.queue)) == [.wakeJobs])
    }

    @Test func anAssignmentWakesOnlyTheAssignedNode() {
        var machine = member()
        #expect(machine.handle(.jobNotice(.assigned(node: "a"))) == [.wakeJobs])
        #expect(machine.handle(.jobNotice(.assigned(node: "b"))) == [])
        var joining = ClusterMachine(settings: settings)
        #expect(joining.handle(.jobNotice(.assigned(node: "a"))) == [])
    }

    @Test func listeningAgainLooksAtTheQueueOnce() {
        var machine = member()
        #expect(machine.handle(.noticesListening) == [.wakeJobs])
        var joining = ClusterMachine(settings: settings)
        #expect(joining.handle(.noticesListening) == [])
    }
}
