import Catalog
import Foundation

/// One audit log row as the API shows it; `detail` is the row's JSON object.
struct APIAuditEntry: Encodable {
    let id: String
    let at: Date
    let actor: String
    let action: String
    let target: String
    let detail: [String: String]

    init(_ entry: AuditEntry) {
        self.id = entry.id
        self.at = entry.at
        self.actor = entry.actor
        self.action = entry.action
        self.target = entry.target
        self.detail = (try? JSONDecoder().decode([String: String].self, from: Data(entry.detail.utf8))) ?? ["text": entry.detail]
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "at": .dateSchema, "actor": .stringSchema, "action": .stringSchema, "target": .stringSchema,
        "detail": ["type": "object", "additionalProperties": .stringSchema],
    ])
}
