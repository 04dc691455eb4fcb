import Foundation
import Testing

extension ClusterBehaviourTests {
    /// SIGSTOP of the master while jobs run, past its lease, until another master is seen, then
    /// SIGCONT: every job ends once (no attempt found its job running, one result each, ≤ 3
    /// attempts); the resumed node is not master and keeps no job it lost.
    /// (Needs the cluster features: GET /api/v1/cluster, fenced master lease.)
    @Test func aStalledMasterIsFencedOff() async throws {
        try await ClusterHarness.with { cluster in
            let master = try await cluster.waitForMaster()
            // Short solves: those running on the stalled node end on their own during the stall
            // (the node cannot stop them while it is frozen), so they never overlap a new attempt.
            let jobs = try await cluster.submit(30, content: "sleep 600", name: "stall")
            try await cluster.eventually("the master runs a job", seconds: 180, poll: 0.1) {
                try await cluster.jobStates(jobs).values.contains { $0["node"] as? String == master.node && $0["state"] as? String == "running" }
            }
            cluster.stop(master.node)
            let stopped = Date()
            let new = try await cluster.waitForMaster(except: master.node, above: master.token, seconds: 180)
            print("stall: \(new.node)#\(new.token) became master after \(String(format: "%.2f", Date().timeIntervalSince(stopped))) s")
            let pastLease = stopped.addingTimeInterval(Double(cluster.settings.lease) + 1)
            if pastLease > Date() { try await Task.sleep(for: .seconds(pastLease.timeIntervalSinceNow)) }
            cluster.resume(master.node)

            let finals = try await cluster.waitUntilFinished(jobs, seconds: 400)
            try await cluster.expectEachFinishedOnce(jobs, finals)
            let view = try await cluster.api.cluster(cluster.survivor())
            cluster.expect(view.master?.node != master.node, "the resumed node is master again: \(view)")
            try await cluster.eventually("the resumed node runs no job", seconds: 60) {
                (try? await cluster.api.cluster(cluster.node(master.node).baseURL))?.node(master.node)?.runningJobs == 0
            }
            // A job that started on the stalled node and again elsewhere belongs to the later attempt.
            for job in jobs {
                let nodes = cluster.attemptNodes(job.id)
                guard let first = nodes.firstIndex(of: master.node), nodes[(first + 1)...].contains(where: { $0 != master.node }) else { continue }
                cluster.expect(finals[job.id]?["node"] as? String != master.node,
                               "job \(job.id) was taken over (attempts on \(nodes)) but ended on the stalled node")
            }
        }
    }
}
