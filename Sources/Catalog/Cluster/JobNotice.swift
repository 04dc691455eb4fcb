/// What the job queue tells the nodes of a cluster at once, through PostgreSQL `NOTIFY` on
/// ``channel`` (heard by each node's `JobNoticeListener`). A notice only makes a node look at the
/// queue sooner: every node still looks at it on its own every poll interval, so a notice lost
/// (no listener connected at the time) delays a job, never loses it.
public enum JobNotice: Sendable, Hashable {
    /// A job was queued or a solve slot freed: the master dispatches now.
    case queue
    /// The master gave queued jobs to `node`: that node claims them now.
    case assigned(node: String)

    /// The PostgreSQL notification channel.
    public static let channel = "atrium_jobs"

    /// What goes over the channel: `queue`, or `node:` and the node's name.
    public var payload: String {
        switch self {
        case .queue: "queue"
        case .assigned(let node): "node:" + node
        }
    }

    /// Nil for a payload this version does not know (a newer node's): it is ignored.
    public init?(payload: String) {
        if payload == "queue" {
            self = .queue
        } else if payload.hasPrefix("node:"), payload.count > 5 {
            self = .assigned(node: String(payload.dropFirst(5)))
        } else {
            return nil
        }
    }
}
