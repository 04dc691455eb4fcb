import Foundation
import Synchronization

/// A lane of the ``BlockingExecutor`` on threads it starts on demand: at most `limit` calls run
/// at once. A thread that finishes takes the next queued call, or ends when none waits, so an
/// idle lane holds no thread. Past the limit a call waits its turn (FIFO) or, for a lane that
/// refuses, throws ``BlockingLaneFull`` without running. A call's slot is free before its caller
/// resumes, so a caller may start another call at once.
final class ThreadLane: Sendable {
    enum WhenFull: Sendable { case wait, refuse }
    /// Runs a call's work and returns what resumes its caller (after the slot is handed on).
    typealias Job = @Sendable () -> @Sendable () -> Void

    /// A job and the holder whose reserved slot it runs in (nil: an ordinary call).
    private struct Call: Sendable {
        let holder: String?
        let job: Job
    }

    private struct State {
        var running = 0
        /// Reserved slots (running or not yet) per holder.
        var held: [String: Int] = [:]
        var queue: [Call] = []
        var next = 0
        var shutDown = false
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    private enum Admission {
        case start
        case queued
        case refused(any Error)
    }

    let lane: BlockingLane
    let limit: Int
    let whenFull: WhenFull
    private let state = Mutex(State())

    init(_ lane: BlockingLane, limit: Int, whenFull: WhenFull) {
        self.lane = lane
        self.limit = max(1, limit)
        self.whenFull = whenFull
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let job: Job = {
                let result = Result { try work() }
                return { continuation.resume(with: result) }
            }
            let admission = state.withLock { state -> Admission in
                if state.shutDown { return .refused(BlockingExecutorShutDown(lane: lane)) }
                if state.running < limit {
                    state.running += 1
                    return .start
                }
                if whenFull == .refuse { return .refused(BlockingLaneFull(lane: lane, limit: limit)) }
                state.queue.append(Call(holder: nil, job: job))
                return .queued
            }
            switch admission {
            case .start: startThread(with: Call(holder: nil, job: job))
            case .queued: break
            case .refused(let error): continuation.resume(throwing: error)
            }
        }
    }

    /// Takes a slot for `holder` now (``BlockingSlot``): refuses with ``BlockingLaneShareFull``
    /// when `holder` already has `share` slots, ``BlockingLaneFull`` when the lane is full
    /// (whatever its `whenFull`), ``BlockingExecutorShutDown`` after shutdown. The holder's share
    /// is checked first: a holder past it is told so, not that the server is busy.
    func reserve(holder: String, share: Int) throws -> BlockingSlot {
        try state.withLock { state in
            if state.shutDown { throw BlockingExecutorShutDown(lane: lane) }
            if state.held[holder, default: 0] >= max(1, share) {
                throw BlockingLaneShareFull(lane: lane, holder: holder, share: max(1, share))
            }
            if state.running >= limit { throw BlockingLaneFull(lane: lane, limit: limit) }
            state.running += 1
            state.held[holder, default: 0] += 1
        }
        return BlockingSlot(lane: lane, holder: holder, owner: self)
    }

    /// Runs `work` in a slot ``reserve(holder:share:)`` took: a thread starts at once.
    func runReserved<T: Sendable>(holder: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            startThread(with: Call(holder: holder) {
                let result = Result { try work() }
                return { continuation.resume(with: result) }
            })
        }
    }

    /// Gives back a reserved slot that never ran (its ``BlockingSlot`` was dropped).
    func release(holder: String) {
        let (next, drained) = takeNext(finishing: holder)
        if let next { startThread(with: next) }
        for waiter in drained { waiter.resume() }
    }

    /// Slots `holder` holds now.
    func held(by holder: String) -> Int { state.withLock { $0.held[holder, default: 0] } }

    /// Calls admitted that wait for a thread.
    var waiting: Int { state.withLock { $0.queue.count - $0.next } }

    /// Refuses new calls from now on.
    func refuseNewCalls() {
        state.withLock { $0.shutDown = true }
    }

    /// Refuses new calls; returns once every admitted one (queued ones included) has run.
    func shutdown() async {
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state -> Bool in
                state.shutDown = true
                if state.running == 0 { return true }
                state.drained.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func startThread(with first: Call) {
        let thread = Thread { [self] in
            var call: Call? = first
            while let current = call {
                let resume = current.job()
                let (next, drained) = takeNext(finishing: current.holder)
                resume()
                for waiter in drained { waiter.resume() }
                call = next
            }
        }
        thread.name = "atrium-\(lane)"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next queued call for a thread that finished one (in `holder`'s reserved slot, when
    /// given), or nil (the thread ends); and the shutdowns to resume when that was the lane's
    /// last running call.
    private func takeNext(finishing holder: String?) -> (Call?, [CheckedContinuation<Void, Never>]) {
        var drained: [CheckedContinuation<Void, Never>] = []
        let job = state.withLock { state -> Call? in
            if let holder {
                let left = state.held[holder, default: 1] - 1
                state.held[holder] = left > 0 ? left : nil
            }
            if state.next < state.queue.count {
                let job = state.queue[state.next]
                state.next += 1
                if state.next == state.queue.count {
                    state.queue.removeAll(keepingCapacity: true)
                    state.next = 0
                }
                return job
            }
            state.running -= 1
            if state.running == 0 {
                drained = state.drained
                state.drained = []
            }
            return nil
        }
        return (job, drained)
    }
}
