import Foundation

/// A param value by key, as edits and the list of unsaved edits name it.
struct EditorCell: Hashable, Sendable, Codable {
    var param: String
    var key: [MathProgSymbol]
}
