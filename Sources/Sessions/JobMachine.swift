import Catalog
import Foundation

/// One attempt of an optimization session on this node, as a value: events in, actions out,
/// no I/O (tested alone). The catalog holds the queue; this decides what the runner does with
/// the process it started, and what becomes of a job whose node stopped answering.
public struct JobMachine: Sendable {
    public enum State: Sendable, Hashable {
        case running
        /// Stopping the process; the outcome once it exits.
        case stopping(JobOutcome)
        case finished(JobOutcome)
    }

    public enum Event: Sendable, Hashable {
        /// The process ended; `outputWritten` when the output case file exists;
        /// `workGuardMayHaveFired` when this node's work guard may have killed it.
        case exited(ProcessExit, outputWritten: Bool, workGuardMayHaveFired: Bool = false)
        case timedOut
        case cancelRequested
        /// This node can no longer prove it owns the job (its lease was lost): stop quietly,
        /// another node owns it now.
        case leaseLost
        case shutdown
        /// The attempt failed before a process exit could decide (preparing, starting, or the
        /// catalog under it); `transient` when the catalog failed (a restart, a lapsed session).
        case failed(String, transient: Bool)
    }

    public enum Action: Sendable, Hashable {
        case terminate
        /// Save the output as a new case version, then record success.
        case storeResult
        /// Record the outcome in the catalog (`.abandoned` only when the attempt failed before
        /// its exit: given back to the queue, its attempt counted).
        case record(JobOutcome)
    }

    public private(set) var state: State = .running

    public init() {}

    public mutating func handle(_ event: Event) -> [Action] {
        switch (state, event) {
        case (.finished, _):
            return []
        case (.running, .exited(.signaled(SIGKILL), _, true)):
            // The guard fenced it: this node went too long without a heartbeat, so the job may be
            // another node's by now. Nothing to record.
            state = .finished(.abandoned)
            return []
        case (.running, .exited(let exit, let written, _)):
            if exit.succeeded, written {
                state = .finished(.succeeded)
                return [.storeResult]
            }
            let reason = exit.succeeded ? "the runtime exited without writing a result" : "the runtime failed (\(exit))"
            state = .finished(.failed(reason))
            return [.record(.failed(reason))]
        case (.stopping(let outcome), .exited):
            state = .finished(outcome)
            return outcome == .abandoned ? [] : [.record(outcome)]
        case (.running, .timedOut):
            return stop(.failed("it ran past its time limit"))
        case (.running, .cancelRequested):
            return stop(.cancelled)
        case (.running, .leaseLost):
            return stop(.abandoned)
        case (.running, .shutdown):
            // Given back to the queue by the runner (not counted as a failure of the model).
            return stop(.requeued)
        case (.stopping(let outcome), .failed):
            // Cancelled or timed out while preparing: that is the outcome.
            state = .finished(outcome)
            return [.record(outcome)]
        case (.running, .failed(let reason, let transient)):
            // A transient catalog failure is not the model's fault: give the job back.
            let outcome: JobOutcome = transient ? .abandoned : .failed(reason)
            state = .finished(outcome)
            return [.record(outcome)]
        case (.stopping, _):
            return []
        }
    }

    private mutating func stop(_ outcome: JobOutcome) -> [Action] {
        state = .stopping(outcome)
        return [.terminate]
    }

}

/// What becomes of a running job that goes back to the catalog: decided here, carried out by the
/// catalog (`releaseJob`, `requeueExpiredJobs`, `declareDeadNodes`) inside its transaction.
extension JobMachine {
    /// How a job's node lost it.
    public enum NodeLoss: Sendable, Hashable {
        /// Its lease lapsed: its node stopped renewing it.
        case leaseLapsed
        /// The cluster master declared its node dead.
        case nodeDead
        /// Its node abandoned the attempt (it failed under a transient catalog error), or found it
        /// orphaned by a crash of its own when it started again.
        case abandoned
    }

    /// A job whose node lost it (`loss`) during attempt `attempts` (1-based; the attempt counts):
    /// cancelled when its cancel was requested, failed at its last attempt, else queued again.
    /// Every reason a lost job ends with is written here.
    public static func afterNodeLoss(_ loss: NodeLoss, node: String, attempts: Int, maxAttempts: Int,
                                     cancelRequested: Bool) -> JobHandBack {
        let who = loss == .nodeDead ? "its node \(node)" : "its node"
        if cancelRequested {
            return .cancel(reason: loss == .abandoned ? "cancelled; \(who) stopped while running it" : "cancelled; \(who) stopped answering")
        }
        guard attempts >= maxAttempts else { return .requeue(countAttempt: true) }
        switch loss {
        case .leaseLapsed: return .fail(reason: "\(who) stopped answering \(attempts) times")
        case .nodeDead: return .fail(reason: "\(who) stopped answering; \(attempts) attempts")
        case .abandoned: return .fail(reason: "\(who) stopped \(attempts) times while running it")
        }
    }

    /// `afterNodeLoss` as the catalog asks it, for each job as it is in its transaction.
    public static func rule(after loss: NodeLoss) -> JobHandBack.Rule {
        { job in
            afterNodeLoss(loss, node: job.node ?? "?", attempts: job.attempts, maxAttempts: job.maxAttempts,
                          cancelRequested: job.cancelRequested)
        }
    }

    /// A job this node gives back of its own accord (shutdown, or no free solve seat): queued
    /// again, its attempt given back — that was not the job's doing.
    public static let givenBack: JobHandBack.Rule = { _ in .requeue(countAttempt: false) }
}
