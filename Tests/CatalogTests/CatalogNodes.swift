import Catalog
import Foundation

extension DatabaseKind {
    /// `count` catalogs on the same database, as `count` cluster nodes would open it: on
    /// PostgreSQL `catalog` plus `count - 1` more (separate pools and connections); on SQLite,
    /// which is one catalog per file per process, `catalog` itself `count` times. The extra
    /// catalogs are closed after `body`.
    func withNodes(_ catalog: Catalog, _ configuration: CatalogConfiguration, count: Int,
                   _ body: ([Catalog]) async throws -> Void) async throws {
        guard self == .postgres else { return try await body(Array(repeating: catalog, count: count)) }
        var extra: [Catalog] = []
        do {
            for _ in 1..<count { extra.append(try await Catalog.open(configuration, migrate: false)) }
            try await body([catalog] + extra)
        } catch {
            for node in extra { await node.close() }
            throw error
        }
        for node in extra { await node.close() }
    }
}

extension [Catalog] {
    /// Every node (`node-0`, `node-1`, …) claims due jobs at once until none is left: all their claims.
    func claimAll(leaseUntil: Date, now: Date) async throws -> [JobRecord] {
        try await withThrowingTaskGroup(of: [JobRecord].self) { group in
            for (n, node) in enumerated() {
                group.addTask {
                    var mine: [JobRecord] = []
                    while let job = try await node.claimNextJob(node: "node-\(n)", leaseUntil: leaseUntil, now: now) { mine.append(job) }
                    return mine
                }
            }
            return try await group.reduce(into: [JobRecord]()) { $0 += $1 }
        }
    }
}
