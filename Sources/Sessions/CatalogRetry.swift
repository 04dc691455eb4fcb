import Catalog
import Foundation

/// Writes that must not be lost to a short catalog outage (a PostgreSQL restart or failover):
/// the outcome of a job, its result version. Errors the catalog decided (`CatalogError`: not
/// found, conflict, stale fence …) are answers and return at once; `.database` (the driver's
/// failures: a refused or broken connection, a pool timeout) and anything else are retried with
/// backoff, 0.1 s doubling to 2 s, for `limit`.
enum CatalogRetry {
    static func run<T>(for limit: TimeInterval, isolation: isolated (any Actor)? = #isolation,
                       _ body: () async throws -> T) async throws -> T {
        let deadline = Date().addingTimeInterval(limit)
        var delay = 0.1
        while true {
            do {
                return try await body()
            } catch let error as CatalogError where !error.isTransient {
                throw error
            } catch {
                guard Date().addingTimeInterval(delay) < deadline, !Task.isCancelled else { throw error }
                try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                delay = min(delay * 2, 2)
            }
        }
    }
}
