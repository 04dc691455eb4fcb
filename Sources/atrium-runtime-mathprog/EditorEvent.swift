import Foundation

/// A message to the UI over the WebSocket. `type` tells which fields are present:
/// `case`, `set`, `saved`, `cases`, `versions`, `job`, `notice`, `error` (docs/runtime.md).
struct EditorEvent: Encodable, Sendable {
    var type: String
    var `case`: MathProgCase?
    var caseId: String?
    var caseName: String?
    var version: Int64?
    var dirty: [EditorCell]?
    var param: String?
    var key: [MathProgSymbol]?
    var value: Double?
    var cases: [GatewayCase]?
    var versions: [GatewayCaseVersion]?
    var job: GatewayJob?
    var message: String?
    /// The request's `op` an `error` answers.
    var op: String?

    init(type: String) { self.type = type }

    static func error(_ message: String, op: String?) -> EditorEvent {
        var event = EditorEvent(type: "error")
        event.message = message
        event.op = op
        return event
    }

    static func notice(_ message: String) -> EditorEvent {
        var event = EditorEvent(type: "notice")
        event.message = message
        return event
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return #"{"type":"error","message":"unencodable event"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
