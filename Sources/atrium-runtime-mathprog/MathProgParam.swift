import Foundation

/// A numeric param of the model: the sets it is indexed over (empty for a scalar) and its values.
struct MathProgParam: Sendable, Equatable, Codable {
    var dims: [String]
    var values: [MathProgEntry]
}
