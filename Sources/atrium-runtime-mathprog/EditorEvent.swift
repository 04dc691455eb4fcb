import Foundation

/// A message to the UI over the WebSocket. `type` tells which fields are present:
/// `app`, `case`, `set`, `saved`, `cases`, `versions`, `job`, `notice`, `error`, `ended` (docs/runtime.md).
struct EditorEvent: Encodable, Sendable {
    var type: String
    var app: EditorApp?
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
    /// Seconds since this session submitted `job`, for the editor's elapsed-time clock.
    var elapsedSeconds: Double?
    var message: String?
    /// The request's `op` an `error` answers.
    var op: String?

    init(type: String) { self.type = type }

    /// An error for the sender; a refused `set` names its cell (`param`, `key`).
    static func error(_ message: String, op: String?, param: String? = nil, key: [MathProgSymbol]? = nil) -> EditorEvent {
        var event = EditorEvent(type: "error")
        event.message = message
        event.op = op
        event.param = param
        event.key = key
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
