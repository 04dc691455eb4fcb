import NIOPosix
import Synchronization

/// The ``BlockingLane/catalog`` lane: an `NIOThreadPool` of its own (SQLiteKit runs every
/// statement on one), started on first use and shut down with the executor. Nothing else runs
/// on it, so a statement waits only for other statements.
final class CatalogLane: Sendable {
    private enum State {
        case idle
        case running(NIOThreadPool)
        case shutDown
    }

    let threads: Int
    private let state = Mutex(State.idle)

    init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// The pool, started on first use; throws ``BlockingExecutorShutDown`` after shutdown.
    func threadPool() throws -> NIOThreadPool {
        try state.withLock { state in
            switch state {
            case .running(let pool): return pool
            case .shutDown: throw BlockingExecutorShutDown(lane: .catalog)
            case .idle:
                let pool = NIOThreadPool(numberOfThreads: threads)
                pool.start()
                state = .running(pool)
                return pool
            }
        }
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await threadPool().runIfActive(work)
    }

    /// Refuses new work; returns once the pool's threads finished what they had.
    func shutdown() async {
        let pool = state.withLock { state -> NIOThreadPool? in
            defer { state = .shutDown }
            if case .running(let pool) = state { return pool }
            return nil
        }
        try? await pool?.shutdownGracefully()
    }
}
