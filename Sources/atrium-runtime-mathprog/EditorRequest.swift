import Foundation

/// A message from the UI over the WebSocket (see docs/runtime.md for the protocol):
/// `{"op":"set","param":"a","key":["Seattle"],"value":400}`, `{"op":"save"}`,
/// `{"op":"saveAs","name":"…"}`, `{"op":"list"}`, `{"op":"versions","case":"…"}`,
/// `{"op":"open","case":"…","version":3}`, `{"op":"solve"}`, `{"op":"cancel"}`. A `set` value is the
/// typed text (`"400"`) or a JSON number.
struct EditorRequest: Decodable, Sendable {
    var op: String
    var param: String?
    var key: [MathProgSymbol]?
    var value: EditorValue?
    var name: String?
    var `case`: String?
    var version: Int64?
}
