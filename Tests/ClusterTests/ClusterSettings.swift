/// What a test cluster runs with. Heartbeat 0.5 s and dead after 4 s (a work guard of 3.75 s: generous on 2 loaded cores) (the cluster features'
/// `ATRIUM_HEARTBEAT` / `ATRIUM_NODE_DEAD_AFTER`), job and seat lease 2 s (`ATRIUM_LEASE`).
struct ClusterSettings: Sendable {
    var nodes = ["a", "b", "c"]
    var heartbeat = "0.5"
    var deadAfter = "4"
    var lease = 2
    var solveSlots = 2
    /// Concurrent data-session seats of the license node a installs at start (optimization
    /// sessions and named users stay 100).
    var dataSessionSeats = 100
    /// Extra environment for every node.
    var environment: [String: String] = [:]
}
