import Foundation

/// How this node takes part in a cluster (a PostgreSQL catalog shared by several nodes).
///
/// Timing, from the heartbeat interval `h` and the dead-after time `d` (at least `2h`):
/// - the node heartbeats every `h`; the master declares a node dead when its last heartbeat is
///   older than `d`;
/// - the master lease lasts `1.5h` and is renewed every `h/2`; followers try to take it every
///   `h/4`, so a new master holds it within `1.75h` of the old one's last renewal (under two
///   intervals of its death);
/// - the work guard kills this node's runtimes when no heartbeat succeeded for `d − h/2`, before
///   anyone may declare the node dead.
public struct ClusterSettings: Sendable {
    public var node: String
    public var solveSlots: Int
    public var heartbeat: TimeInterval
    public var deadAfter: TimeInterval

    public init(node: String, solveSlots: Int, heartbeat: TimeInterval = 60, deadAfter: TimeInterval? = nil) {
        self.node = node
        self.solveSlots = solveSlots
        self.heartbeat = heartbeat
        self.deadAfter = max(deadAfter ?? 3 * heartbeat, 2 * heartbeat)
    }

    /// How often the member looks at the cluster (and the master at dead nodes).
    public var tick: TimeInterval { heartbeat / 4 }
    public var masterLease: TimeInterval { heartbeat * 1.5 }
    public var masterRenewal: TimeInterval { heartbeat / 2 }
    public var guardTimeout: TimeInterval { deadAfter - heartbeat / 2 }
    /// A job the master placed on a node that did not claim it within this goes to another node.
    public var staleAssignment: TimeInterval { max(deadAfter, 5) }
}
