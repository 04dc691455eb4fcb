import Catalog
import Foundation
import Logging
import Sessions
import Store
import NIOConcurrencyHelpers

/// Runs the store's gc with the catalog as roots (DESIGN §2): for the schedule
/// (``StoreGCService``), for admins (API, portal) and for `atrium store gc --catalog`.
///
/// Safety against saves running at the same time rests on the order every writer keeps —
/// blobs first, then the catalog row that makes them reachable — and on the grace period:
/// a blob younger than it is never deleted, so a save's blobs survive until its catalog row
/// exists. In a cluster only the master collects: the roots are read in a transaction fenced by
/// its lease token, and the sweep stops at the first deletion after the lease is gone.
/// One run at a time per node: a caller that comes while one runs gets that run's result.
public actor StoreCollector {
    let catalog: Catalog
    let blobs: BlobStore
    /// Unreachable blobs younger than this are kept (`gcGraceSeconds`).
    public nonisolated let grace: TimeInterval
    let cluster: ClusterState?
    let node: String
    let logger: Logger
    private var running: Task<StoreGCRun, any Error>?
    /// The store walks (a whole store, minutes on a large share) run on its store-walks lane.
    let executor: BlockingExecutor

    /// Refused because this node is not the cluster's master; `master` is the one that is, if any.
    public struct NotMaster: Error, CustomStringConvertible {
        public let master: String?
        public var description: String {
            "only the cluster's master collects the store" + (master.map { "; the master is \($0)" } ?? "; no node holds the lease right now")
        }
    }

    public init(catalog: Catalog, blobs: BlobStore, grace: TimeInterval, cluster: ClusterState?, node: String,
                executor: BlockingExecutor, logger: Logger) {
        self.catalog = catalog
        self.executor = executor
        self.blobs = blobs
        self.grace = grace
        self.cluster = cluster
        self.node = node
        self.logger = logger
    }

    /// Collects now (or joins the run in progress). Throws ``NotMaster`` on a cluster node
    /// that does not hold the master lease. Cancelling the caller (graceful shutdown) stops the
    /// sweep before its next deletion.
    public func collect(trigger: StoreGCRun.Trigger, by actor: AuditActor) async throws -> StoreGCRun {
        if let running { return try await running.value }
        let task = Task { try await self.perform(trigger: trigger, actor: actor, dryRun: false) }
        running = task
        defer { running = nil }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// A scheduled run: skipped quietly on a node that is not master, failures logged.
    public func scheduled() async {
        if let cluster, cluster.masterLease() == nil { return }
        do {
            _ = try await collect(trigger: .scheduled, by: .system)
        } catch is NotMaster {
            logger.debug("store gc skipped: this node is not the master")
        } catch is CancellationError {
        } catch {
            logger.warning("store gc failed", metadata: ["error": "\(error)"])
        }
    }

    /// The store's size, what the catalog reaches and what a run now would free.
    public func usage() async throws -> StoreUsage {
        let roots = try await catalog.gcRoots()
        let blobs = self.blobs, grace = self.grace
        return try await executor.run(.storeWalks) {
            try StoreUsage.measure(blobs, reachable: try RootSet(store: blobs).expand(roots), grace: grace)
        }
    }

    /// The last run recorded in the catalog (by any node), nil before the first.
    public func lastRun() async throws -> StoreGCRun? {
        try await catalog.lastStoreGC().flatMap(StoreGCRun.init)
    }

    func perform(trigger: StoreGCRun.Trigger, actor: AuditActor, dryRun: Bool) async throws -> StoreGCRun {
        let clock = ContinuousClock()
        let started = clock.now
        let at = Date()
        let token: Int64?
        let roots: Set<BlobDigest>
        if let cluster {
            guard let lease = cluster.masterLease() else { throw NotMaster(master: try? await catalog.currentMaster()?.node) }
            do {
                roots = try await catalog.gcRoots(master: node, token: lease.token)
            } catch CatalogError.staleFence {
                cluster.fenced(token: lease.token)
                throw NotMaster(master: try? await catalog.currentMaster()?.node)
            }
            token = lease.token
        } else {
            roots = try await catalog.gcRoots()
            token = nil
        }
        let stop = NIOLockedValueBox(false)
        var sweep = GarbageCollector(store: blobs, grace: grace, dryRun: dryRun)
        let cluster = self.cluster
        sweep.mayDelete = {
            if stop.withLockedValue({ $0 }) { return false }
            guard let token, let cluster else { return true }
            return cluster.masterLease()?.token == token
        }
        let blobs = self.blobs, collector = sweep
        let report = try await withTaskCancellationHandler {
            try await executor.run(.storeWalks) {
                try collector.run(reachable: try RootSet(store: blobs).expand(roots))
            }
        } onCancel: {
            stop.withLockedValue { $0 = true }
        }
        let elapsed = clock.now - started
        let run = StoreGCRun(at: at, node: node, trigger: trigger, actor: actor, report: report, grace: grace,
                             seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        logger.notice("store gc", metadata: [
            "trigger": "\(trigger.rawValue)", "freed_blobs": "\(run.deletedBlobs)", "freed_bytes": "\(run.deletedBytes)",
            "kept_reachable": "\(run.keptReachable)", "kept_young": "\(run.keptYoung)", "temporaries": "\(run.removedTemporaries)",
            "busy": "\(run.skippedBusy)", "seconds": "\(String(format: "%.3f", run.seconds))", "stopped": "\(run.stopped)",
        ])
        guard !dryRun else { return run }
        do {
            if let token {
                try await catalog.recordStoreGC(run.auditDetail, by: actor, master: node, token: token)
            } else {
                try await catalog.recordStoreGC(run.auditDetail, by: actor)
            }
        } catch CatalogError.staleFence(let why) {
            if let token { cluster?.fenced(token: token) }
            logger.warning("store gc ran but lost the master lease before recording it", metadata: ["why": "\(why)"])
        } catch {
            logger.warning("store gc ran but could not be recorded", metadata: ["error": "\(error)"])
        }
        return run
    }
}
