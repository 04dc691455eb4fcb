import Foundation

/// Numbers as MathProg reads and glpsol writes them, and as a user may type them: decimal
/// digits with an optional point and exponent. Swift's `Double(_:)` also reads `0x10`, `nan`,
/// `inf` and lets `1e309` become infinity; none of those is a number here.
enum MathProgNumber {
    /// Shortest text that reads back as the same Double (`350`, `2.5`, `1e-07`), never `nan`/`inf`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A number glpsol printed (`153.675`, `-1e+30`, `0.00900000000000001`); nil when not one.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        try? read(String(text))
    }

    /// A number the user typed, surrounding spaces allowed; throws why it is not one.
    static func read(_ text: String) throws(MathProgNumberError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        guard isDecimal(trimmed), let value = Double(trimmed) else { throw .notANumber(trimmed) }
        guard value.isFinite else { throw .tooLarge(trimmed) }
        return value
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, nothing else.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            let count = bytes.prefix(while: { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }).count
            bytes = bytes.dropFirst(count)
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
