import Synchronization

/// A slot of a ``BlockingExecutor`` lane taken for one holder by
/// ``BlockingExecutor/reserve(_:for:)`` before the work is ready: a download takes its slot
/// before its response's headers go out, so a full lane or a spent share is a clean 503 or 429,
/// never a cut-off 200. ``run(_:)`` runs one call on it; a slot dropped without running is given
/// back, so an abandoned response never leaks one.
public final class BlockingSlot: Sendable {
    public let lane: BlockingLane
    public let holder: String
    private let owner: ThreadLane
    private let used = Atomic(false)

    init(lane: BlockingLane, holder: String, owner: ThreadLane) {
        self.lane = lane
        self.holder = holder
        self.owner = owner
    }

    /// Runs `work` on a thread of the lane, in this slot (once: a slot is one call), and
    /// returns what it returns; the slot is free again before the caller resumes.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let (first, _) = used.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        precondition(first, "a BlockingSlot runs one call")
        return try await owner.runReserved(holder: holder, work)
    }

    deinit {
        if !used.load(ordering: .acquiring) { owner.release(holder: holder) }
    }
}
