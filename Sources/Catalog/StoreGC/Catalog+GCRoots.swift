import Foundation
import SQLKit
import Store

/// The store's gc roots from the catalog.
extension Catalog {
    /// Every blob the catalog points at: each case's head manifest, each app version's sealed
    /// archive, each package's envelope and archive, and the archived log of each job and data
    /// session. Store's `RootSet` expands these to what they reference. Older case manifests are
    /// not roots: a head manifest carries the whole history (older versions as deltas, keyframes),
    /// and the full frames it replaced must stay collectable. Licenses live in the catalog itself.
    public func gcRoots() async throws -> Set<BlobDigest> {
        try await read { db in try await Self.gcRoots(db) }
    }

    /// ``gcRoots()`` read as a master decision of a cluster: in the transaction that checks that
    /// `master` still holds the lease with `token` at `now` (else `.staleFence`, and nothing is
    /// read), so a node that lost the lease never collects with roots it read as master.
    public func gcRoots(master: String, token: Int64, now: Date = Date()) async throws -> Set<BlobDigest> {
        try await masterDecision(master: master, token: token, now: now) { db in try await Self.gcRoots(db) }
    }

    static func gcRoots(_ db: any SQLDatabase) async throws -> Set<BlobDigest> {
        var roots = Set<BlobDigest>()
        for query: SQLQueryString in [
            "SELECT head_digest AS digest FROM cases",
            "SELECT sealed_digest AS digest FROM app_versions",
            "SELECT envelope_digest AS digest FROM packages",
            "SELECT archive_digest AS digest FROM packages",
            "SELECT log_digest AS digest FROM jobs WHERE log_digest IS NOT NULL",
            "SELECT log_digest AS digest FROM data_sessions WHERE log_digest IS NOT NULL",
        ] {
            for row in try await db.raw(query).all() { roots.insert(try digest(row, "digest")) }
        }
        return roots
    }
}
