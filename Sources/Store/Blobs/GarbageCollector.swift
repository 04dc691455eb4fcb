import Foundation

/// `atrium store gc`: deletes blobs that the supplied roots do not reference AND that are older
/// than the grace period, plus abandoned temp files older than it. The grace period is what keeps
/// in-flight work safe: a writer's new blob (or an existing blob a writer just re-put, which
/// refreshes its time) is young, so it survives until the writer has recorded its root.
/// The server runs it on a schedule with the catalog's roots (DESIGN §2); so can `atrium store gc --catalog`.
public struct GarbageCollector: Sendable {
    public let store: BlobStore
    public var grace: TimeInterval
    public var dryRun: Bool
    /// Asked before each deletion; false stops the sweep there (`Report.stopped`). A cluster
    /// master passes "do I still hold the lease?", so a node that lost it stops deleting.
    public var mayDelete: @Sendable () -> Bool = { true }

    public init(store: BlobStore, grace: TimeInterval = 24 * 3600, dryRun: Bool = false) {
        self.store = store
        self.grace = grace
        self.dryRun = dryRun
    }

    public struct Report: Sendable, Codable {
        public var kept = 0
        public var keptYoung = 0
        public var deleted: [BlobDigest] = []
        public var deletedBytes: Int64 = 0
        public var removedTemporaries: [String] = []
        /// Blobs held open by a reader (EBUSY on SMB): left for the next run.
        public var skippedBusy: [BlobDigest] = []
        public var dryRun = false
        /// `mayDelete` said no: the sweep ended early, the rest is left for the next run.
        public var stopped = false
    }

    /// `reachable` is the full set of referenced blobs (roots already expanded; see `RootSet`).
    public func run(reachable: Set<BlobDigest>, now: Date = Date()) throws -> Report {
        var report = Report()
        report.dryRun = dryRun
        let scan = try store.backend.scan()
        for info in scan.blobs {
            if reachable.contains(info.digest) { report.kept += 1; continue }
            if now.timeIntervalSince(info.modified) < grace { report.keptYoung += 1; continue }
            // Re-check just before deleting: a writer may have re-put it since the scan.
            if let fresh = try store.backend.stat(info.digest), now.timeIntervalSince(fresh.modified) < grace {
                report.keptYoung += 1
                continue
            }
            if !dryRun {
                guard mayDelete() else { report.stopped = true; return report }
                do { try store.backend.delete(info.digest) } catch StoreError.busy {
                    report.skippedBusy.append(info.digest)
                    continue
                }
            }
            report.deleted.append(info.digest)
            report.deletedBytes += info.size
        }
        for temp in scan.temporaries where now.timeIntervalSince(temp.modified) > grace {
            if !dryRun { try store.backend.removeLeftover(temp.path) }
            report.removedTemporaries.append(temp.path)
        }
        return report
    }
}
