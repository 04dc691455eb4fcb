import Sessions

/// The sessions side of the gateway: data sessions, the job queue, live job progress and the
/// license gate, all of this node.
public struct SessionServices: Sendable {
    public let manager: SessionManager
    public let jobs: JobRunner
    public let licenses: LicenseGate
    public let events: JobEvents
    public let runtimes: RuntimeCache
    /// What the manager's ``ProxyDirectory`` reports, for ``SessionService`` to pass on.
    public let activity: AsyncStream<(session: String, activity: ProxyActivity)>
    /// This node's cluster membership; nil on the embedded single-node default (SQLite).
    public let cluster: ClusterMember?
    public let clusterState: ClusterState?
    /// Whether this node's runtimes run in the sandbox (found at start).
    public let sandbox: SandboxStatus
}
