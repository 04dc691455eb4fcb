import Foundation

/// An optimization job (a solve) in the catalog's queue.
public struct JobRecord: Sendable, Hashable {
    public let id: String
    public let userId: String
    public let app: String
    public let appVersion: String
    /// The input case and its version number.
    public let caseId: String
    public let inputNumber: Int64
    /// 0-9, higher runs first.
    public let priority: Int
    public let timeoutSeconds: Int
    /// Not claimed before this time.
    public let scheduledAt: Date
    public var state: JobState
    /// How many times a node has claimed it (a fencing token for its runner).
    public var attempts: Int
    public let maxAttempts: Int
    public var node: String?
    public var leaseUntil: Date?
    public var cancelRequested: Bool
    public let submittedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// The output case version written by a successful solve.
    public var resultNumber: Int64?
    public var reason: String?
    public var progress: String?
    public var logDigest: String?
    /// The data session that submitted it, if any.
    public let sessionId: String?
    /// The node the cluster master dispatched it to while queued (nil: not dispatched, or a
    /// single node that claims any job). Kept once claimed, cleared when it goes back to the queue.
    public var assignedNode: String?
    /// What the solver concluded, from the runtime's `result:` line (e.g. `optimal`,
    /// `infeasible`); nil when it said nothing. See ``JobRecord/foundSolution``.
    public var resultStatus: String?
    /// The case the result was kept in when the job's user could no longer write the input case
    /// when it finished (a new case of theirs; ``reason`` says why); nil: the input case, or no
    /// result. See ``resultCase``.
    public var resultCaseId: String?

    public init(id: String, userId: String, app: String, appVersion: String, caseId: String, inputNumber: Int64, priority: Int,
                timeoutSeconds: Int, scheduledAt: Date, state: JobState, attempts: Int, maxAttempts: Int, node: String?,
                leaseUntil: Date?, cancelRequested: Bool, submittedAt: Date, startedAt: Date?, finishedAt: Date?,
                resultNumber: Int64?, reason: String?, progress: String?, logDigest: String?, sessionId: String?,
                assignedNode: String? = nil) {
        self.id = id
        self.userId = userId
        self.app = app
        self.appVersion = appVersion
        self.caseId = caseId
        self.inputNumber = inputNumber
        self.priority = priority
        self.timeoutSeconds = timeoutSeconds
        self.scheduledAt = scheduledAt
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.node = node
        self.leaseUntil = leaseUntil
        self.cancelRequested = cancelRequested
        self.submittedAt = submittedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.resultNumber = resultNumber
        self.reason = reason
        self.progress = progress
        self.logDigest = logDigest
        self.sessionId = sessionId
        self.assignedNode = assignedNode
    }

    /// The case holding the result version ``resultNumber``: the input case, or the new case it
    /// was kept in (``resultCaseId``); nil when there is no result.
    public var resultCase: String? {
        guard resultNumber != nil else { return nil }
        return resultCaseId ?? caseId
    }

    /// False when the solve ran to its end but the solver found no usable solution (infeasible,
    /// unbounded, undefined, or any status other than optimal or feasible).
    public var foundSolution: Bool {
        guard state == .succeeded, let resultStatus else { return state == .succeeded }
        return resultStatus == "optimal" || resultStatus == "feasible"
    }
}
