import SQLKit
import Store

/// The store's gc roots from the catalog.
extension Catalog {
    /// Every blob the catalog points at: each case's head manifest, each app version's sealed
    /// archive, each package's envelope and archive. Store's `RootSet` expands these to what they
    /// reference. Older case manifests are not roots: a head manifest carries the whole history
    /// (older versions as deltas), and the full frames it replaced must stay collectable.
    public func gcRoots() async throws -> Set<BlobDigest> {
        try await read { db in
            var roots = Set<BlobDigest>()
            for query: SQLQueryString in [
                "SELECT head_digest AS digest FROM cases",
                "SELECT sealed_digest AS digest FROM app_versions",
                "SELECT envelope_digest AS digest FROM packages",
                "SELECT archive_digest AS digest FROM packages",
            ] {
                for row in try await db.raw(query).all() { roots.insert(try Self.digest(row, "digest")) }
            }
            return roots
        }
    }
}
