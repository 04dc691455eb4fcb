import Foundation

/// One node of a cluster as the catalog keeps it: where it answers, which process it is
/// (`incarnation`, new at every start, so a restarted node is told from its dead predecessor),
/// its state, how many solves it may run at once, the loads it last reported and when it last
/// heartbeat. Every node reads every other's row, so the master can dispatch and declare the dead.
public struct NodeRecord: Sendable, Equatable, Codable {
    /// The node's stable name (its host name, usually).
    public let name: String
    /// Where other nodes reach it (the proxy forwards `/s/{session}` there).
    public var address: String
    /// The running process: a random id chosen at start.
    public var incarnation: String
    public var state: NodeState
    /// How many optimization jobs it runs at once; the dispatcher never gives it more.
    public var solveSlots: Int
    /// Jobs running and data sessions open there, as last reported by its heartbeat.
    public var runningJobs: Int
    public var dataSessions: Int
    /// When this incarnation registered.
    public var startedAt: Date
    public var heartbeatAt: Date
    public var stateChangedAt: Date
    /// Why it is dead or gone, if it is.
    public var reason: String?

    public init(name: String, address: String, incarnation: String, state: NodeState, solveSlots: Int, runningJobs: Int,
                dataSessions: Int, startedAt: Date, heartbeatAt: Date, stateChangedAt: Date, reason: String?) {
        self.name = name
        self.address = address
        self.incarnation = incarnation
        self.state = state
        self.solveSlots = solveSlots
        self.runningJobs = runningJobs
        self.dataSessions = dataSessions
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.stateChangedAt = stateChangedAt
        self.reason = reason
    }
}
