import Foundation

/// Submit → running (issue 16): how soon a node that is not master runs a job submitted through
/// another node that is not master — the master has to hear of it, place it, and the node has to
/// hear of that (`JobNotice`), or find it by polling.
extension ClusterBench {
    /// One job's way from submit to running, in seconds.
    struct Dispatch: Sendable {
        /// From just before the submit request to the first `GET /api/v1/jobs/{id}` that shows it
        /// running (polled every 5 ms, so it includes one request's time).
        let seen: Double
        /// `started_at − submitted_at` in the catalog (the submitting node's clock and the
        /// claiming node's: one host here).
        let catalog: Double
        let node: String
    }

    /// Fills every solve slot with long jobs and cancels those not on the master, so the master
    /// is busy and the others idle. Then `count` times: a short job submitted through a node that
    /// is not master, timed until it runs, and let finish before the next. The long jobs are
    /// cancelled at the end.
    func dispatches(_ count: Int) async throws -> [Dispatch] {
        let master = try await cluster.waitForMaster().node
        let followers = cluster.nodes.map(\.name).filter { $0 != master }
        let fillers = try await cluster.submit(cluster.settings.solveSlots * cluster.nodes.count, content: "sleep 600000", name: "filler")
        var states: [String: [String: Any]] = [:]
        try await cluster.eventually("every slot runs a long job", seconds: 120, poll: 0.1) {
            states = try await cluster.jobStates(fillers)
            return states.count == fillers.count && states.values.allSatisfy { $0["state"] as? String == "running" }
        }
        for (id, state) in states where state["node"] as? String != master {
            _ = try await cluster.api.call(cluster.node(state["node"] as? String ?? master).baseURL, .POST, "/api/v1/jobs/\(id)/cancel")
        }
        try await cluster.eventually("only the master runs long jobs", seconds: 60, poll: 0.1) {
            states = try await cluster.jobStates(fillers)
            return states.values.allSatisfy { state in
                state["node"] as? String == master || ClusterHarness.terminalStates.contains(state["state"] as? String ?? "")
            }
        }
        let tag = UUID().uuidString.prefix(6).lowercased()
        var cases: [String] = []
        for index in 0..<count {
            cases.append(try await cluster.api.createCase(cluster.node(followers[0]).baseURL, name: "dispatch-\(tag)-\(index)", content: "sleep 100"))
        }
        var result: [Dispatch] = []
        for (index, caseId) in cases.enumerated() {
            let via = cluster.node(followers[index % followers.count]).baseURL
            let start = Date()
            let id = try await cluster.api.submitJob(via, case: caseId)
            var seen = Double.nan, node = ""
            try await cluster.eventually("job \(id) runs", seconds: 60, poll: 0.005) {
                let job = try await cluster.api.job(via, id)
                let state = job["state"] as? String ?? ""
                guard state == "running" || ClusterHarness.terminalStates.contains(state) else { return false }
                seen = Date().timeIntervalSince(start)
                node = job["node"] as? String ?? ""
                return true
            }
            let catalog = try cluster.postgres.query("SELECT started_at - submitted_at FROM jobs WHERE id = '\(id)'").first
                .flatMap(Double.init).map { $0 / 1000 } ?? .nan
            result.append(Dispatch(seen: seen, catalog: catalog, node: node))
            print(String(format: "dispatch %d: seen running after %.1f ms (catalog %.1f ms) on %@", index + 1, seen * 1000, catalog * 1000, node))
            _ = try await cluster.waitUntilFinished([SubmittedJob(id: id, caseId: caseId)], seconds: 120)
        }
        for (id, state) in states where state["node"] as? String == master {
            _ = try await cluster.api.call(cluster.node(master).baseURL, .POST, "/api/v1/jobs/\(id)/cancel")
        }
        return result
    }

    static func summary(dispatches: [Dispatch]) -> String {
        let seen = dispatches.map(\.seen), catalog = dispatches.map(\.catalog)
        var nodes: [String: Int] = [:]
        for dispatch in dispatches { nodes[dispatch.node, default: 0] += 1 }
        return String(format: "dispatch (submit through a node that is not master → running on one), %d jobs: p50 %.1f ms, p95 %.1f ms "
                      + "as the client sees it; p50 %.1f ms, p95 %.1f ms in the catalog (started_at − submitted_at); goal p50 ≤ 50 ms; ran on ",
                      dispatches.count, percentile(seen, 0.5) * 1000, percentile(seen, 0.95) * 1000,
                      percentile(catalog, 0.5) * 1000, percentile(catalog, 0.95) * 1000)
            + nodes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
    }
}
