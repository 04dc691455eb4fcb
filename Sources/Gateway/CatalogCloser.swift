import Catalog
import ServiceLifecycle

/// Closes the catalog's connections when the service group shuts down (after the servers
/// stopped taking requests).
struct CatalogCloser: Service {
    let catalog: Catalog

    func run() async throws {
        try? await gracefulShutdown()
        await catalog.close()
    }
}
