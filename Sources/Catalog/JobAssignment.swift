/// One dispatch decision of the cluster master: queued job `jobId` is for `node` to claim.
public struct JobAssignment: Sendable, Hashable {
    public let jobId: String
    public let node: String

    public init(jobId: String, node: String) {
        self.jobId = jobId
        self.node = node
    }
}
