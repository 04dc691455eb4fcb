import Foundation
import Testing

/// The cluster benchmark (bench/cluster): figures printed, nothing asserted. Only with
/// `ATRIUM_BENCH_CLUSTER=1`; `ATRIUM_BENCH_TRIALS` (20) and `ATRIUM_BENCH_JOBS` (300) scale it.
extension ClusterBehaviourTests {
    static var benchEnabled: Bool { ProcessInfo.processInfo.environment["ATRIUM_BENCH_CLUSTER"] == "1" }

    @Test(.enabled(if: ClusterBehaviourTests.benchEnabled)) func clusterBenchmark() async throws {
        let environment = ProcessInfo.processInfo.environment
        let trials = Int(environment["ATRIUM_BENCH_TRIALS"] ?? "") ?? 20
        let jobCount = Int(environment["ATRIUM_BENCH_JOBS"] ?? "") ?? 300
        try await ClusterHarness.with { cluster in
            let bench = ClusterBench(cluster: cluster)
            let heartbeat = Double(cluster.settings.heartbeat) ?? 0.5
            print("bench: 3 nodes, heartbeat \(heartbeat) s, dead after \(cluster.settings.deadAfter) s, lease \(cluster.settings.lease) s, "
                  + "\(cluster.settings.solveSlots) solve slots each, store \(cluster.store)")
            let idle = try await bench.databaseLoad(seconds: 10)
            print(ClusterBench.describe(load: idle, label: "idle (10 s)"))
            print(ClusterBench.summary(dispatches: try await bench.dispatches(trials)))
            if let failovers = try await bench.failovers(trials) {
                print(ClusterBench.summary("failover (kill -9 master → new master seen)", failovers, unit: heartbeat))
            } else {
                print("failover: skipped, GET /api/v1/cluster does not answer 200 (cluster features not there)")
            }
            let requeues = try await bench.requeues(trials)
            print(ClusterBench.summary("requeue (kill -9 a job's node → job running elsewhere)", requeues, unit: heartbeat))
            let (shares, seconds, load) = try await bench.balance(jobCount)
            let fair = 1.0 / Double(shares.count)
            for (node, count) in shares.sorted(by: { $0.key < $1.key }) {
                let share = Double(count) / Double(jobCount)
                print("balance: node \(node) ran \(count) of \(jobCount) jobs = " + String(format: "%.1f %% (%+.1f %% of a fair share; goal ±20 %%)",
                                                                                          share * 100, (share / fair - 1) * 100))
            }
            print(String(format: "balance: %d jobs of 200 ms in %.1f s = %.1f jobs/s", jobCount, seconds, Double(jobCount) / seconds))
            print(ClusterBench.describe(load: load, label: "under load (\(jobCount) jobs)"))
            print(ClusterBench.extrapolate(idle: idle, busy: load, nodes: cluster.nodes.count))
        }
    }
}
