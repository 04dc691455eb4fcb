/// How an attempt of a job ends.
public enum JobOutcome: Sendable, Hashable {
    case succeeded
    case failed(String)
    case cancelled
    /// Back to the queue (node shutdown or loss).
    case requeued
    /// Someone else owns the job now; record nothing.
    case abandoned
}
