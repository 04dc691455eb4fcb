import Catalog
import ServiceLifecycle
import Store

/// Closes the catalog's connections when the service group shuts down (after the servers
/// stopped taking requests), then shuts the blocking executor down.
///
/// One service, in this order, because SQLite connections close on the executor's threads: as
/// two services they stop in reverse order on a graceful shutdown, but a group cancelled by a
/// failing service (a port already in use) stops them together, and a catalog whose close lost
/// its threads keeps open connections (a debug build traps on them).
struct CatalogCloser: Service {
    let catalog: Catalog
    let executor: BlockingExecutor

    func run() async throws {
        try? await gracefulShutdown()
        await catalog.close()
        await executor.shutdown()
    }
}
