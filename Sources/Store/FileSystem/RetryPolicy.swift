/// How hard the store retries transient errors. SMB servers answer EBUSY while another client
/// holds a file open, and any call can see EINTR; both are retried with bounded backoff, never
/// forever (DESIGN §2).
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var initialDelayNanoseconds: UInt64
    public var maxDelayNanoseconds: UInt64

    public init(maxAttempts: Int = 8, initialDelayNanoseconds: UInt64 = 2_000_000, maxDelayNanoseconds: UInt64 = 250_000_000) {
        self.maxAttempts = maxAttempts
        self.initialDelayNanoseconds = initialDelayNanoseconds
        self.maxDelayNanoseconds = maxDelayNanoseconds
    }

    public static let `default` = RetryPolicy()
    /// For tests: many attempts, no waiting.
    public static let immediate = RetryPolicy(maxAttempts: 8, initialDelayNanoseconds: 0, maxDelayNanoseconds: 0)

    func delay(forAttempt attempt: Int) -> UInt64 {
        guard initialDelayNanoseconds > 0 else { return 0 }
        let shifted = initialDelayNanoseconds << UInt64(min(attempt, 20))
        return min(shifted, maxDelayNanoseconds)
    }
}
