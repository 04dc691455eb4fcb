import Foundation
import Testing

extension ClusterBehaviourTests {
    /// PostgreSQL restarts (pg-down, 3 s, pg-up: warm, data kept) while jobs are queued and
    /// running: every node reconnects, every job ends once, nothing is lost.
    @Test func postgresRestartsUnderLoad() async throws {
        try await ClusterHarness.with { cluster in
            let jobs = try await cluster.submit(16, content: "sleep 2500", name: "pgrestart")
            try await cluster.eventually("jobs run", seconds: 180, poll: 0.2) {
                try await cluster.jobStates(jobs).values.filter { $0["state"] as? String == "running" }.count >= 2
            }
            try cluster.postgres.stop()
            try await Task.sleep(for: .seconds(3))
            try cluster.postgres.start()
            // Each node serves the API from the database again: a job submitted through each.
            var later: [SubmittedJob] = []
            for node in cluster.nodes {
                cluster.expect(node.isRunning, "node \(node.name) exited while PostgreSQL was down")
                try await cluster.waitUntilReady(node, seconds: 120)
                var submitted: [SubmittedJob] = []
                try await cluster.eventually("node \(node.name) takes a job again", seconds: 120, poll: 1) {
                    guard let id = try? await cluster.api.createCase(node.baseURL, name: "after-\(node.name)-\(UUID().uuidString.prefix(6))",
                                                                     content: "sleep 200"),
                          let job = try? await cluster.api.submitJob(node.baseURL, case: id) else { return false }
                    submitted = [SubmittedJob(id: job, caseId: id)]
                    return true
                }
                later += submitted
            }
            let all = jobs + later
            let finals = try await cluster.waitUntilFinished(all, seconds: 400)
            try await cluster.expectEachFinishedOnce(all, finals)
        }
    }
}
