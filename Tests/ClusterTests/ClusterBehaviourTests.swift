import Foundation
import Testing

/// A real three-node cluster (ClusterHarness): nodes die, stall and come back, PostgreSQL
/// restarts, and every job still runs to its end exactly once. Run one at a time, apart from the
/// other suites (scripts/test runs `swift test --filter ClusterTests` on its own). The waits are
/// generous (2 loaded cores); nothing here asserts a timing beyond a loose upper bound.
@Suite(.serialized) struct ClusterBehaviourTests {
    /// kill -9 of a node running jobs: each job finishes on another node, once.
    @Test func aKilledNodesJobsFinishElsewhere() async throws {
        try await ClusterHarness.with { cluster in
            let jobs = try await cluster.submit(12, content: "sleep 4000", name: "kill9")
            var onVictim: [String] = []
            try await cluster.eventually("node b runs a job", seconds: 180, poll: 0.2) {
                let states = try await cluster.jobStates(jobs)
                onVictim = states.values.filter { $0["node"] as? String == "b" && $0["state"] as? String == "running" }.compactMap { $0["id"] as? String }
                return !onVictim.isEmpty
            }
            await cluster.kill9("b")
            let finals = try await cluster.waitUntilFinished(jobs, seconds: 400)
            try await cluster.expectEachFinishedOnce(jobs, finals)
            for id in onVictim {
                cluster.expect(finals[id]?["node"] as? String != "b", "job \(id), running on b when it was killed, ended on b")
            }
        }
    }

    /// A job that kills its node on every attempt: failed after three attempts, saying why.
    @Test func aJobThatKillsItsNodeFailsAfterThreeAttempts() async throws {
        try await ClusterHarness.with { cluster in
            let jobs = try await cluster.submit(1, content: "kill", name: "killer")
            let job = jobs[0].id
            var final: [String: Any] = [:]
            try await cluster.eventually("the node-killing job ended", seconds: 600, poll: 0.5) {
                // Dead nodes come back, so the cluster keeps its capacity. A restarted node may
                // take the job again and die before it is ready: the next pass restarts it again.
                for node in cluster.nodes where !node.isRunning { try? await cluster.restart(node.name) }
                guard let state = try? await cluster.jobStates(jobs)[job] else { return false }
                final = state
                return ClusterHarness.terminalStates.contains(state["state"] as? String ?? "")
            }
            let reason = final["reason"] as? String ?? ""
            cluster.expect(final["state"] as? String == "failed", "the job ended \(final["state"] ?? "?")")
            cluster.expect(JSONNumber.int(final["attempts"]) == 3, "attempts: \(final["attempts"] ?? "?")")
            cluster.expect(reason.contains("3") && reason.lowercased().contains("node"), "the reason names the dead node 3 times: '\(reason)'")
            let kills = cluster.starts.filter { $0.count >= 2 && $0[0] == "kill" && $0[1] == job }.count
            cluster.expect(kills == 3, "the runtime killed its node \(kills) times, not 3")
            cluster.expect(final["resultNumber"] == nil || final["resultNumber"] is NSNull, "a failed job saved a result")
            cluster.expect(cluster.doubles.isEmpty, "double.log:\n\(cluster.doubles)")
        }
    }

    /// kill -9 of the master: a survivor reports another master with a higher fencing token.
    /// (Needs the cluster features: GET /api/v1/cluster.)
    @Test func killingTheMasterElectsAnother() async throws {
        try await ClusterHarness.with { cluster in
            let old = try await cluster.waitForMaster()
            let killed = Date()
            await cluster.kill9(old.node)
            let new = try await cluster.waitForMaster(except: old.node, above: old.token, seconds: 120)
            let took = Date().timeIntervalSince(killed)
            let heartbeat = Double(cluster.settings.heartbeat) ?? 0.5
            print("failover: master \(old.node)#\(old.token) killed, \(new.node)#\(new.token) seen after "
                  + String(format: "%.2f s = %.1f heartbeats", took, took / heartbeat))
            cluster.expect(took < 60, "failover took \(took) s")
            try await cluster.eventually("node \(old.node) shown dead", seconds: 60) {
                (try? await cluster.api.cluster(cluster.survivor(except: [old.node])))?.node(old.node)?.state == "dead"
            }
        }
    }
}
