import Foundation
import Store

/// How this node runs sessions and jobs.
public struct SessionSettings: Sendable {
    /// This node's name in seats, sessions and jobs.
    public var node: String
    /// `DATA`: sessions go to `DATA/sessions`, jobs to `DATA/jobs`, runtimes to `DATA/runtimes`.
    public var dataDirectory: String
    /// The gateway's API as runtimes reach it, e.g. `https://127.0.0.1:8443/api/v1`.
    public var endpoint: APIEndpoint
    /// PEM file runtimes trust for `apiURL`.
    public var caFile: String
    public var timeouts: SessionTimeouts
    /// Seat and job lease length; renewed every third of it, so a dead holder's seat returns
    /// within this time.
    public var leaseSeconds: TimeInterval
    /// Concurrent optimization sessions this node runs at most.
    public var solveSlots: Int
    /// How often the job runner looks at the queue when nobody wakes it.
    public var pollInterval: TimeInterval
    public var limits: ResourceLimits
    public var searchPath: [String]
    public var logLimit: Int
    /// Seat limits without an installed license (evaluation).
    public var unlicensedLimits: UnlicensedLimits
    /// Set when this node is one of a cluster: the job runner then claims only what the master
    /// placed on it, and dispatches while it holds the master lease.
    public var cluster: ClusterState?
    /// Watches this node's runtimes (see `WorkGuard`); set in a cluster.
    public var workGuard: WorkGuard?
    /// Where blocking work runs: store reads and writes, unsealing, extraction (`files`), ready
    /// probes (`probes`).
    public var executor: BlockingExecutor

    public init(node: String, dataDirectory: String, endpoint: APIEndpoint, caFile: String, executor: BlockingExecutor,
                timeouts: SessionTimeouts = SessionTimeouts(), leaseSeconds: TimeInterval = 30, solveSlots: Int = 2,
                pollInterval: TimeInterval = 1, limits: ResourceLimits = ResourceLimits(),
                searchPath: [String] = RuntimeCommand.defaultSearchPath, logLimit: Int = SessionLog.defaultLimit,
                unlicensedLimits: UnlicensedLimits = UnlicensedLimits()) {
        self.node = node
        self.dataDirectory = dataDirectory
        self.endpoint = endpoint
        self.caFile = caFile
        self.executor = executor
        self.timeouts = timeouts
        self.leaseSeconds = leaseSeconds
        self.solveSlots = solveSlots
        self.pollInterval = pollInterval
        self.limits = limits
        self.searchPath = searchPath
        self.logLimit = logLimit
        self.unlicensedLimits = unlicensedLimits
    }

    var sessionsDirectory: String { dataDirectory + "/sessions" }
    var jobsDirectory: String { dataDirectory + "/jobs" }
    var runtimesDirectory: String { dataDirectory + "/runtimes" }
}
