/// Where an optimization job is: `queued` (waiting, possibly until its scheduled time),
/// `running` on a node under a lease, or finished as `succeeded`, `failed` or `cancelled`.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case queued, running, succeeded, failed, cancelled

    /// Succeeded, failed or cancelled: the job will not change again.
    public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
}
