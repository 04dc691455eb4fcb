import NIOPosix

/// The one place blocking work runs (store and file I/O, extraction, bcrypt, SQLite statements,
/// ready probes), never on Swift's cooperative pool or an event loop. Each ``BlockingLane`` has
/// threads of its own and a limit (``BlockingLimits``), so one kind of work never starves
/// another: a log-on's bcrypt never delays a catalog read, a client's upload never delays a
/// launch. Lanes that clients fill (``BlockingLane/transfers``, ``BlockingLane/storeWalks``)
/// refuse past their limit with ``BlockingLaneFull``; the others queue.
///
/// Made once by whoever composes the program (`buildApplication`, a command, a test) and passed
/// to what needs it; `shutdown()` when done. Lanes start threads only when used, and an idle
/// lane holds none.
public final class BlockingExecutor: Sendable {
    public let limits: BlockingLimits
    private let lanes: [BlockingLane: ThreadLane]
    private let catalog: CatalogLane

    public init(limits: BlockingLimits = BlockingLimits()) {
        self.limits = limits
        var lanes: [BlockingLane: ThreadLane] = [:]
        for lane in BlockingLane.allCases where lane != .catalog {
            let whenFull: ThreadLane.WhenFull = lane == .transfers || lane == .storeWalks ? .refuse : .wait
            lanes[lane] = ThreadLane(lane, limit: limits[lane], whenFull: whenFull)
        }
        self.lanes = lanes
        self.catalog = CatalogLane(threads: limits.catalog)
    }

    /// Runs `work` on a thread of `lane` and returns what it returns. Throws ``BlockingLaneFull``
    /// (nothing ran) when a refusing lane is full, ``BlockingExecutorShutDown`` after shutdown.
    public func run<T: Sendable>(_ lane: BlockingLane, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard let threads = lanes[lane] else { return try await catalog.run(work) }
        return try await threads.run(work)
    }

    /// Takes a slot of `lane` for `holder` now, to run one call in later (``BlockingSlot``):
    /// throws ``BlockingLaneShareFull`` when `holder` already has its share of the lane
    /// (``BlockingLimits/share(of:)``), ``BlockingLaneFull`` when the lane is full, and
    /// ``BlockingExecutorShutDown`` after shutdown. Not for the catalog lane (its pool queues).
    /// `share`, when given, replaces the lane's share for this holder (a per-user quota).
    public func reserve(_ lane: BlockingLane, for holder: String, share: Int? = nil) throws -> BlockingSlot {
        guard let threads = lanes[lane] else { preconditionFailure("the \(lane) lane has no slots to reserve") }
        return try threads.reserve(holder: holder, share: share ?? limits.share(of: lane))
    }

    /// Calls admitted to `lane` that wait for one of its threads (0 for the catalog lane, whose
    /// pool keeps its own queue).
    public func waiting(_ lane: BlockingLane) -> Int {
        lanes[lane]?.waiting ?? 0
    }

    /// Slots of `lane` that `holder` holds now (reserved, running or not yet): what counts
    /// against its share.
    public func held(_ lane: BlockingLane, by holder: String) -> Int {
        lanes[lane]?.held(by: holder) ?? 0
    }

    /// The catalog lane's thread pool, for SQLite connections (started on first use). Throws
    /// ``BlockingExecutorShutDown`` after shutdown.
    public func catalogThreadPool() throws -> NIOThreadPool {
        try catalog.threadPool()
    }

    /// Refuses new work, then waits for what every lane admitted to finish and stops the catalog
    /// lane's threads. Safe to call twice.
    public func shutdown() async {
        for lane in lanes.values { lane.refuseNewCalls() }
        for lane in lanes.values { await lane.shutdown() }
        await catalog.shutdown()
    }
}
