import Foundation

/// Numbers as MathProg reads and glpsol writes them.
enum MathProgNumber {
    /// Shortest text that reads back as the same Double (`350`, `2.5`, `1e-07`), never `nan`/`inf`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A number glpsol printed (`153.675`, `-1e+30`, `0.00900000000000001`); nil when not one.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        guard let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }
}
