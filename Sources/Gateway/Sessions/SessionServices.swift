import Sessions

/// The sessions side of the gateway: data sessions, the job queue, live job progress and the
/// license gate, all of this node.
public struct SessionServices: Sendable {
    public let manager: SessionManager
    public let jobs: JobRunner
    public let licenses: LicenseGate
    public let events: JobEvents
    public let runtimes: RuntimeCache
    public let hooks: SessionHooks
    public let endpoint: APIEndpoint
    /// This node's cluster membership; nil on the embedded single-node default (SQLite).
    public let cluster: ClusterMember?
    public let clusterState: ClusterState?
}
