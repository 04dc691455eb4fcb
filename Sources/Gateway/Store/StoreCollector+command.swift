import Catalog
import Foundation
import Logging
import Store

/// `atrium store gc --catalog`: one run outside the server, with the catalog's roots.
extension StoreCollector {
    /// Opens the catalog at `database` (a `postgres://` URL or a SQLite file, which must exist;
    /// its schema is not migrated), collects `store` with its roots and the grace period, records
    /// the run (unless `dryRun`) and closes the catalog. Not fenced: on a cluster's catalog it
    /// runs beside the master's schedule, which is safe because both keep the grace period.
    public static func collectOnce(store: BlobStore, database: String, grace: TimeInterval, dryRun: Bool,
                                   logger: Logger = Logger(label: "atrium.store-gc")) async throws -> StoreGCRun {
        let configuration: CatalogConfiguration
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            configuration = .postgres(url: database)
        } else {
            guard FileManager.default.fileExists(atPath: database) else {
                throw ConfigurationError(source: "--catalog", reason: "no catalog at \(database)")
            }
            configuration = .sqlite(path: database)
        }
        let executor = BlockingExecutor()
        do {
            let catalog = try await Catalog.open(configuration, migrate: false, executor: executor, logger: logger)
            do {
                let collector = StoreCollector(catalog: catalog, blobs: store, grace: grace, cluster: nil,
                                               node: ProcessInfo.processInfo.hostName, executor: executor, logger: logger)
                let run = try await collector.perform(trigger: .command, actor: .system, dryRun: dryRun)
                await catalog.close()
                await executor.shutdown()
                return run
            } catch {
                await catalog.close()
                throw error
            }
        } catch {
            await executor.shutdown()
            throw error
        }
    }
}
