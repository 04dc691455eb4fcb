import Foundation

/// Counts calls that succeeded and failed and the slowest of them, across tasks.
final class CallTally: @unchecked Sendable {
    struct Snapshot { var succeeded = 0, failed = 0, slowest = 0.0 }
    private let lock = NSLock()
    private var value = Snapshot()
    private var isStopped = false

    var snapshot: Snapshot { lock.withLock { value } }
    var stopped: Bool { lock.withLock { isStopped } }
    func stop() { lock.withLock { isStopped = true } }

    func record(failed: Bool, seconds: Double) {
        lock.withLock {
            if failed { value.failed += 1 } else { value.succeeded += 1 }
            value.slowest = max(value.slowest, seconds)
        }
    }
}
