import Foundation
import Synchronization

/// Runs long blocking work (an upload streaming into the store, a download being restored) on a
/// thread of its own, so it never holds one of NIO's shared blocking-pool threads (which the
/// SQLite catalog needs) for the minutes a large transfer takes. At most `limit` run at once;
/// past that a caller gets `503` with `Retry-After` instead of queueing without bound.
public final class BlockingThreads: Sendable {
    private let running = Mutex(0)
    public let limit: Int

    public init(limit: Int = 32) { self.limit = limit }

    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            var problem = Problem(status: .serviceUnavailable, detail: "Too many transfers at once; try again shortly.")
            problem.headers["Retry-After"] = "5"
            throw problem
        }
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let result = Result { try work() }
                self.running.withLock { $0 -= 1 }
                continuation.resume(with: result)
            }
            thread.name = "atrium-transfer"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
