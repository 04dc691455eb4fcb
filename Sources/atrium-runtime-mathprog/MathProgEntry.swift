import Foundation

/// One value of a param or variable: its index tuple and a number, as JSON `[["Seattle"], 350]`.
struct MathProgEntry: Sendable, Equatable, Codable {
    var key: [MathProgSymbol]
    var value: Double

    init(key: [MathProgSymbol], value: Double) {
        self.key = key
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        key = try container.decode([MathProgSymbol].self)
        value = try container.decode(Double.self)
        guard container.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "An entry is [key, value] and nothing more.")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(key)
        try container.encode(value)
    }
}
