import Foundation

/// A chart the editor draws from a solution (`app.json` `charts`): one bar per nonzero value of
/// `variable` (a key of two members reads `Seattle → Chicago`), largest first.
struct AppChart: Sendable, Codable, Equatable {
    var variable: String
    var title: String?
    /// The values' unit, shown on the axis (`cases`).
    var unit: String?
}
