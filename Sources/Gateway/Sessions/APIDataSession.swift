import Catalog
import Foundation

/// A data session as the API shows it.
struct APIDataSession: Encodable, Sendable {
    let id: String
    let userId: String
    let app: String
    let appVersion: String
    let runtime: String
    let node: String
    /// starting, ready, stopping or ended.
    let state: String
    /// Where the browser opens it: `/s/{id}/`.
    let url: String
    let createdAt: Date
    let readyAt: Date?
    let endedAt: Date?
    let endReason: String?

    init(_ record: DataSessionRecord) {
        id = record.id
        userId = record.userId
        app = record.app
        appVersion = record.appVersion
        runtime = record.runtime
        node = record.node
        state = record.state.rawValue
        url = "/s/\(record.id)/"
        createdAt = record.createdAt
        readyAt = record.readyAt
        endedAt = record.endedAt
        endReason = record.endReason
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "userId": .stringSchema, "app": .stringSchema, "appVersion": .stringSchema,
        "runtime": .stringSchema, "node": .stringSchema,
        "state": ["type": "string", "enum": ["starting", "ready", "stopping", "ended"]],
        "url": .stringSchema, "createdAt": .dateSchema, "readyAt": .nullableDateSchema, "endedAt": .nullableDateSchema,
        "endReason": ["type": "string", "nullable": true],
    ], optional: ["readyAt", "endedAt", "endReason"])
}
