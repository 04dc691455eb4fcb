import Foundation

extension MathProgSymbol {
    /// The symbol as a MathProg data section reads it: numbers bare, strings always in single
    /// quotes with embedded quotes doubled, so nothing in a member can end the literal.
    var dataLiteral: String {
        switch self {
        case .number(let value): MathProgNumber.format(value)
        case .string(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
