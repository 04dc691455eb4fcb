import ServiceLifecycle
import Store

/// Shuts the blocking executor down when the service group shuts down: added before the
/// catalog's closer, so it stops after it (services stop in reverse order) and nothing that
/// still runs a statement or a transfer loses its threads.
struct ExecutorCloser: Service {
    let executor: BlockingExecutor

    func run() async throws {
        try? await gracefulShutdown()
        await executor.shutdown()
    }
}
