import Catalog
import Foundation

/// An optimization session (job) as the API shows it.
struct APIJob: Encodable, Sendable {
    let id: String
    let userId: String
    let app: String
    let appVersion: String
    let caseId: String
    let inputNumber: Int64
    let priority: Int
    let timeoutSeconds: Int
    let scheduledAt: Date?
    /// queued, running, succeeded, failed or cancelled.
    let state: String
    let attempts: Int
    let node: String?
    /// The node the cluster's master placed it on (also after it was claimed).
    let assignedNode: String?
    let submittedAt: Date
    let startedAt: Date?
    let finishedAt: Date?
    /// The case version the result was saved as.
    let resultNumber: Int64?
    /// The case holding that version: the input case, or — when the job's user could no longer
    /// write the input case as the job finished — a new case of theirs (`reason` says why).
    let resultCase: String?
    /// What the solver concluded (`optimal`, `infeasible`, …), from the runtime's `result:` line.
    let resultStatus: String?
    /// False for a solve that ran to its end without a usable solution (infeasible, unbounded, …).
    let foundSolution: Bool
    let reason: String?
    let progress: String?
    let sessionId: String?
    let cancelRequested: Bool

    init(_ record: JobRecord) {
        id = record.id
        userId = record.userId
        app = record.app
        appVersion = record.appVersion
        caseId = record.caseId
        inputNumber = record.inputNumber
        priority = record.priority
        timeoutSeconds = record.timeoutSeconds
        scheduledAt = record.scheduledAt
        state = record.state.rawValue
        attempts = record.attempts
        node = record.node
        assignedNode = record.assignedNode
        submittedAt = record.submittedAt
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        resultNumber = record.resultNumber
        resultCase = record.resultCase
        resultStatus = record.resultStatus
        foundSolution = record.foundSolution
        reason = record.reason
        progress = record.progress
        sessionId = record.sessionId
        cancelRequested = record.cancelRequested
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "userId": .stringSchema, "app": .stringSchema, "appVersion": .stringSchema, "caseId": .stringSchema,
        "inputNumber": .integerSchema, "priority": ["type": "integer", "minimum": 0, "maximum": 9],
        "timeoutSeconds": .integerSchema, "scheduledAt": .nullableDateSchema,
        "state": ["type": "string", "enum": ["queued", "running", "succeeded", "failed", "cancelled"]],
        "attempts": .integerSchema, "node": ["type": "string", "nullable": true], "assignedNode": ["type": "string", "nullable": true], "submittedAt": .dateSchema,
        "startedAt": .nullableDateSchema, "finishedAt": .nullableDateSchema,
        "resultNumber": ["type": "integer", "format": "int64", "nullable": true], "resultCase": ["type": "string", "nullable": true],
        "resultStatus": ["type": "string", "nullable": true], "foundSolution": .booleanSchema,
        "reason": ["type": "string", "nullable": true], "progress": ["type": "string", "nullable": true],
        "sessionId": ["type": "string", "nullable": true], "cancelRequested": .booleanSchema,
    ], optional: ["scheduledAt", "node", "assignedNode", "startedAt", "finishedAt", "resultNumber", "resultCase", "resultStatus", "reason", "progress", "sessionId"])
}
