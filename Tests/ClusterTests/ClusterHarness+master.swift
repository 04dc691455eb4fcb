import Foundation

/// The master as `GET /api/v1/cluster` shows it (the cluster features).
extension ClusterHarness {
    /// Waits until a node other than `except` shows a master other than `except` whose token is
    /// above `above`. The first call that answers anything but 200 fails the test at once (the API
    /// is not there); later failures (a node going away) are retried.
    func waitForMaster(except: String? = nil, above: Int64 = Int64.min, seconds: Double = 60) async throws -> ClusterView.Master {
        let excluded: Set<String> = except.map { [$0] } ?? []
        _ = try await api.cluster(survivor(except: excluded))
        var found: ClusterView.Master?
        try await eventually("a master other than \(except ?? "-") with a token above \(above)", seconds: seconds, poll: 0.1) {
            guard let master = (try? await self.api.cluster(self.survivor(except: excluded)))?.master else { return false }
            guard master.node != except, master.token > above else { return false }
            found = master
            return true
        }
        return found!
    }
}
