import Foundation

/// How the store's space divides, against a set of reachable blobs (the catalog's roots expanded
/// by `RootSet`): what is kept because something refers to it, what a gc run now would free
/// (unreachable and older than the grace period), and what is unreachable but still young
/// (a save in flight, or a version superseded less than a grace period ago).
public struct StoreUsage: Sendable, Codable, Equatable {
    public var blobs = 0
    public var bytes: Int64 = 0
    public var reachableBlobs = 0
    public var reachableBytes: Int64 = 0
    public var reclaimableBlobs = 0
    public var reclaimableBytes: Int64 = 0
    public var youngBlobs = 0
    public var youngBytes: Int64 = 0

    public init() {}

    /// Scans `store` once (no blob is read).
    public static func measure(_ store: BlobStore, reachable: Set<BlobDigest>, grace: TimeInterval, now: Date = Date()) throws -> StoreUsage {
        var usage = StoreUsage()
        for info in try store.backend.scan().blobs {
            usage.blobs += 1
            usage.bytes += info.size
            if reachable.contains(info.digest) {
                usage.reachableBlobs += 1
                usage.reachableBytes += info.size
            } else if now.timeIntervalSince(info.modified) < grace {
                usage.youngBlobs += 1
                usage.youngBytes += info.size
            } else {
                usage.reclaimableBlobs += 1
                usage.reclaimableBytes += info.size
            }
        }
        return usage
    }
}
