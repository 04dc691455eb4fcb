import Catalog
import Foundation

/// One seat taken: the license's usage history.
struct APISeat: Encodable, Sendable {
    let id: String
    /// data or solve.
    let kind: String
    /// The session or job that held it.
    let holder: String
    let userId: String
    let app: String
    let node: String
    let takenAt: Date
    let returnedAt: Date?
    let returnReason: String?

    init(_ seat: Seat) {
        id = seat.id
        kind = seat.kind.rawValue
        holder = seat.holder
        userId = seat.userId
        app = seat.app
        node = seat.node
        takenAt = seat.takenAt
        returnedAt = seat.returnedAt
        returnReason = seat.returnReason
    }

    static let schema: JSONValue = .objectSchema([
        "id": .stringSchema, "kind": ["type": "string", "enum": ["data", "solve"]], "holder": .stringSchema,
        "userId": .stringSchema, "app": .stringSchema, "node": .stringSchema, "takenAt": .dateSchema,
        "returnedAt": .nullableDateSchema, "returnReason": ["type": "string", "nullable": true],
    ], optional: ["returnedAt", "returnReason"])

    static let csvHeader = "id,kind,holder,user,app,node,taken_at,returned_at,minutes,return_reason\n"

    /// One CSV row (RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with ').
    var csvRow: String {
        let format = ISO8601DateFormatter()
        let minutes = returnedAt.map { String(format: "%.1f", $0.timeIntervalSince(takenAt) / 60) } ?? ""
        return [id, kind, holder, userId, app, node, format.string(from: takenAt), returnedAt.map(format.string) ?? "", minutes,
                returnReason ?? ""].map(Self.csvCell).joined(separator: ",") + "\n"
    }

    static func csvCell(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
