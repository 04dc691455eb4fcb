import Catalog
import Foundation

/// One node of the cluster as the API shows it.
struct APINode: Encodable, Sendable {
    let name: String
    let address: String
    /// up, dead or left.
    let state: String
    let solveSlots: Int
    let runningJobs: Int
    let dataSessions: Int
    let heartbeatAt: Date
    /// Seconds since its last heartbeat, as this node's clock sees it.
    let heartbeatAgeSeconds: Double
    let startedAt: Date
    let stateChangedAt: Date
    let reason: String?
    let isMaster: Bool

    init(_ node: NodeRecord, master: String?, now: Date) {
        name = node.name
        address = node.address
        state = node.state.rawValue
        solveSlots = node.solveSlots
        runningJobs = node.runningJobs
        dataSessions = node.dataSessions
        heartbeatAt = node.heartbeatAt
        heartbeatAgeSeconds = (max(0, now.timeIntervalSince(node.heartbeatAt)) * 10).rounded() / 10
        startedAt = node.startedAt
        stateChangedAt = node.stateChangedAt
        reason = node.reason
        isMaster = node.name == master
    }

    static let schema: JSONValue = .objectSchema([
        "name": .stringSchema, "address": .stringSchema, "state": ["type": "string", "enum": ["up", "dead", "left"]],
        "solveSlots": .integerSchema, "runningJobs": .integerSchema, "dataSessions": .integerSchema,
        "heartbeatAt": .dateSchema, "heartbeatAgeSeconds": ["type": "number"], "startedAt": .dateSchema,
        "stateChangedAt": .dateSchema, "reason": ["type": "string", "nullable": true], "isMaster": ["type": "boolean"],
    ], optional: ["reason"])
}
