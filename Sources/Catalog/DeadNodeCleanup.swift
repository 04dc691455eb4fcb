/// What the master took back from one node it declared dead, so it can log it and tell the
/// operators: jobs queued again, jobs failed (their last attempt died with the node, or their
/// cancel was requested), data sessions ended as lost, and the API tokens revoked with them.
public struct DeadNodeCleanup: Sendable, Equatable {
    public let node: String
    /// Ids of the running jobs queued again (attempts kept).
    public let requeuedJobs: [String]
    /// Ids of the running jobs that ended instead: failed at their last attempt, or cancelled.
    public let failedJobs: [String]
    /// Ids of the data sessions ended as lost.
    public let lostSessions: [String]
    /// Ids of those sessions' API tokens, revoked.
    public let revokedTokens: [String]

    public init(node: String, requeuedJobs: [String], failedJobs: [String], lostSessions: [String], revokedTokens: [String]) {
        self.node = node
        self.requeuedJobs = requeuedJobs
        self.failedJobs = failedJobs
        self.lostSessions = lostSessions
        self.revokedTokens = revokedTokens
    }
}
