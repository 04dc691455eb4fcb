import Foundation
import Store

/// How this node runs sessions and jobs.
public struct SessionSettings: Sendable {
    /// This node's name in seats, sessions and jobs.
    public var node: String
    /// `DATA`: sessions go to `DATA/sessions`, jobs to `DATA/jobs`, runtimes to `DATA/runtimes`.
    public var dataDirectory: String
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
    /// The portal's address as browsers reach it, given to data sessions (`ATRIUM_PORTAL_URL`):
    /// their pages are on hosts of their own, so a link back needs the whole address.
    public var portalURL: String?
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
    /// How runtime processes are contained.
    public var sandbox: SandboxSettings

    public init(node: String, dataDirectory: String, executor: BlockingExecutor,
                timeouts: SessionTimeouts = SessionTimeouts(), leaseSeconds: TimeInterval = 30, solveSlots: Int = 2,
                pollInterval: TimeInterval = 1, limits: ResourceLimits = ResourceLimits(),
                searchPath: [String] = RuntimeCommand.defaultSearchPath, logLimit: Int = SessionLog.defaultLimit,
                unlicensedLimits: UnlicensedLimits = UnlicensedLimits(), sandbox: SandboxSettings = SandboxSettings()) {
        self.node = node
        self.dataDirectory = dataDirectory
        self.executor = executor
        self.timeouts = timeouts
        self.leaseSeconds = leaseSeconds
        self.solveSlots = solveSlots
        self.pollInterval = pollInterval
        self.limits = limits
        self.searchPath = searchPath
        self.logLimit = logLimit
        self.unlicensedLimits = unlicensedLimits
        self.sandbox = sandbox
    }

    var sessionsDirectory: String { dataDirectory + "/sessions" }
    var jobsDirectory: String { dataDirectory + "/jobs" }
    var runtimesDirectory: String { dataDirectory + "/runtimes" }
    /// The gateway's API for runtimes: plain HTTP over this Unix socket (`DATA/run/api.sock`),
    /// which the gateway listens on and the sandbox binds in. Runtimes get no network address of
    /// the gateway; the socket answers only session and job tokens.
    public var apiSocketPath: String { Self.apiSocketPath(dataDirectory: dataDirectory) }
    public static func apiSocketPath(dataDirectory: String) -> String { dataDirectory + "/run/api.sock" }
    /// The URL runtimes use over `apiSocketPath` (`ATRIUM_API_URL`); its host name is never looked up.
    public static let apiURL = "http://atrium/api/v1"

    /// Why `dataDirectory` cannot hold the gateway's API socket, or nil when it can: its path
    /// (`DATA/run/api.sock`) must fit a Unix socket's (`UnixSocketPath.maximumLength`, 103 bytes), so DATA may have at most 87.
    /// (A session's own socket has a short path whatever DATA is: `SocketDirectory`.) The
    /// gateway asks at start, so a DATA that is too long is refused then, with the numbers.
    public static func socketPathProblem(dataDirectory: String) -> String? {
        let socket = apiSocketPath(dataDirectory: dataDirectory)
        let over = socket.utf8.count - UnixSocketPath.maximumLength
        guard over > 0 else { return nil }
        return "the path is \(dataDirectory.utf8.count) bytes long; the runtimes' API socket under it would be \(socket.utf8.count) "
            + "bytes, and a Unix socket's path may have at most \(UnixSocketPath.maximumLength). "
            + "Choose a DATA directory of at most \(dataDirectory.utf8.count - over) bytes"
    }
}
