import Foundation
import Testing

/// Prompt dispatch (issue 16): the nodes poll the job queue only every 10 s here (and the job
/// lease is 30 s, so the runner's loop does not look sooner to renew leases), so a job submitted
/// through one follower that runs on another within seconds was announced: the master heard of
/// the submit and the follower of its placement.
extension ClusterBehaviourTests {
    @Test func aJobSubmittedToAFollowerRunsOnAnotherWithoutWaitingForAPoll() async throws {
        var settings = ClusterSettings()
        settings.lease = 30
        settings.environment["ATRIUM_JOB_POLL"] = "10"
        try await ClusterHarness.with(settings) { cluster in
            let dispatches = try await ClusterBench(cluster: cluster).dispatches(20)
            print(ClusterBench.summary(dispatches: dispatches))
            let master = try await cluster.waitForMaster().node
            for (index, dispatch) in dispatches.enumerated() {
                cluster.expect(dispatch.node != master, "job \(index + 1) ran on the master")
                // Generous: a poll would take up to 10 s for the master and again for the node.
                cluster.expect(dispatch.seen < 5, "job \(index + 1) took \(dispatch.seen) s to run: no notice can explain that")
            }
        }
    }
}
