import Foundation

/// The measurements of the cluster benchmark (ClusterBenchmark.swift).
struct ClusterBench: Sendable {
    /// Database use over a time window: connections per node and commits per second.
    struct DatabaseLoad: Sendable {
        var connections: [String: Int]
        var commitsPerSecond: Double
        var seconds: Double
    }

    let cluster: ClusterHarness

    /// `trials` times: kill -9 the master, time until a survivor shows a new master; restart it.
    /// nil when the cluster API is not there.
    func failovers(_ trials: Int) async throws -> [Double]? {
        guard (try? await cluster.api.cluster(cluster.survivor())) != nil else { return nil }
        var times: [Double] = []
        for trial in 0..<trials {
            let old = try await cluster.waitForMaster(seconds: 120)
            let killed = Date()
            await cluster.kill9(old.node)
            _ = try await cluster.waitForMaster(except: old.node, above: old.token, seconds: 120)
            times.append(Date().timeIntervalSince(killed))
            try await cluster.restart(old.node)
            try await cluster.eventually("\(old.node) up again", seconds: 120) {
                (try? await cluster.api.cluster(cluster.survivor()))?.node(old.node)?.state == "up"
            }
            print(String(format: "failover %d: %.2f s", trial + 1, times.last!))
        }
        return times
    }

    /// `trials` times: a long job runs; kill -9 its node; time until it runs on another node.
    func requeues(_ trials: Int) async throws -> [Double] {
        var times: [Double] = []
        for trial in 0..<trials {
            let job = try await cluster.submit(1, content: "sleep 600000", name: "requeue")
            var node = ""
            try await cluster.eventually("the job runs", seconds: 120, poll: 0.05) {
                let state = try await cluster.jobStates(job)[job[0].id]
                node = state?["node"] as? String ?? ""
                return state?["state"] as? String == "running" && !node.isEmpty
            }
            let killed = Date()
            await cluster.kill9(node)
            try await cluster.eventually("the job runs elsewhere", seconds: 300, poll: 0.05) {
                let state = try? await cluster.jobStates(job)[job[0].id]
                return state?["state"] as? String == "running" && (state?["node"] as? String).map { $0 != node } == true
            }
            times.append(Date().timeIntervalSince(killed))
            print(String(format: "requeue %d: %.2f s", trial + 1, times.last!) + " (from \(node))")
            _ = try await cluster.api.call(cluster.survivor(except: [node]), .POST, "/api/v1/jobs/\(job[0].id)/cancel")
            try await cluster.restart(node)
        }
        return times
    }

    /// `count` jobs of 200 ms: which node ran each, how long, and the database load meanwhile.
    func balance(_ count: Int) async throws -> ([String: Int], Double, DatabaseLoad) {
        let before = try commits()
        let started = Date()
        let jobs = try await cluster.submit(count, content: "sleep 200", name: "balance")
        let connections = try connectionsPerNode()
        let finals = try await cluster.waitUntilFinished(jobs, seconds: Double(count) * 5)
        let seconds = Date().timeIntervalSince(started)
        var shares: [String: Int] = [:]
        for node in cluster.nodes { shares[node.name] = 0 }
        for final in finals.values { shares[final["node"] as? String ?? "?", default: 0] += 1 }
        let load = DatabaseLoad(connections: connections, commitsPerSecond: Double(try commits() - before) / seconds, seconds: seconds)
        return (shares, seconds, load)
    }

    /// Connections and commits per second while nothing is asked of the cluster.
    func databaseLoad(seconds: Double) async throws -> DatabaseLoad {
        let before = try commits()
        try await Task.sleep(for: .seconds(seconds))
        return DatabaseLoad(connections: try connectionsPerNode(), commitsPerSecond: Double(try commits() - before) / seconds, seconds: seconds)
    }

    private func commits() throws -> Int {
        Int(try cluster.postgres.query("SELECT xact_commit FROM pg_stat_database WHERE datname = 'atrium'").first ?? "0") ?? 0
    }

    /// Client connections to the database grouped by the node process owning the client port
    /// (`ss -tnp`), with application_name shown when the nodes set one.
    private func connectionsPerNode() throws -> [String: Int] {
        let rows = try cluster.postgres.query(
            "SELECT coalesce(nullif(application_name, ''), '-'), client_port FROM pg_stat_activity WHERE datname = 'atrium' AND client_port IS NOT NULL")
        let sockets = (try? Shell.run("/usr/bin/ss", ["-tnpH", "state", "established", "dport", "= :\(cluster.postgres.port)"])) ?? ""
        var pidOfPort: [String: Int32] = [:]
        for line in sockets.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let port = fields[2].split(separator: ":").last,
                  let pid = line.range(of: "pid=").map({ line[$0.upperBound...].prefix { $0.isNumber } }) else { continue }
            pidOfPort[String(port)] = Int32(pid)
        }
        var result: [String: Int] = [:]
        for row in rows {
            let parts = row.split(separator: "|").map(String.init)
            let pid = parts.count > 1 ? pidOfPort[parts[1]] : nil
            let node = cluster.nodes.first { $0.pid == pid }?.name ?? (pid == nil ? "other" : "pid \(pid!)")
            result["\(node) (\(parts.first ?? "-"))", default: 0] += 1
        }
        return result
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
    }

    static func summary(_ label: String, _ values: [Double], unit: Double) -> String {
        let (p50, p95, top) = (percentile(values, 0.5), percentile(values, 0.95), values.max() ?? .nan)
        return label + String(format: ", %d trials: p50 %.2f s = %.1f heartbeats, p95 %.2f s = %.1f, max %.2f s = %.1f",
                              values.count, p50, p50 / unit, p95, p95 / unit, top, top / unit)
    }

    static func describe(load: DatabaseLoad, label: String) -> String {
        let total = load.connections.values.reduce(0, +)
        let perNode = load.connections.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        return "database \(label): \(total) connections (\(perNode)), " + String(format: "%.1f commits/s", load.commitsPerSecond)
    }

    /// Linear extrapolation to 100 nodes (the per-node figures times 100) for the docs.
    static func extrapolate(idle: DatabaseLoad, busy: DatabaseLoad, nodes: Int) -> String {
        let connections = Double(idle.connections.filter { !$0.key.hasPrefix("other") }.values.reduce(0, +)) / Double(nodes)
        let idlePerNode = idle.commitsPerSecond / Double(nodes)
        return String(format: "per node: %.1f connections, %.2f commits/s idle → 100 nodes: ~%.0f connections, ~%.0f commits/s idle "
                      + "(the heartbeat alone: 100 / heartbeat interval); under load %.1f commits/s for %d nodes",
                      connections, idlePerNode, connections * 100, idlePerNode * 100, busy.commitsPerSecond, nodes)
    }
}
