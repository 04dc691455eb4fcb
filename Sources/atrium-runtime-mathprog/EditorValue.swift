import Foundation

/// A `set` request's value: the text the user typed (read strictly by ``MathProgNumber/read(_:)``),
/// or a JSON number from a script. Anything else (`true`, a JSON number beyond a Double such as
/// `1e309`) is kept as unusable, so the refusal names the cell like any other.
enum EditorValue: Sendable, Decodable {
    case number(Double)
    case text(String)
    case unusable

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .unusable
        }
    }

    /// The finite number it stands for.
    func number() throws(MathProgNumberError) -> Double {
        switch self {
        case .text(let text): return try MathProgNumber.read(text)
        case .number(let value):
            guard value.isFinite else { throw .unusable }
            return value
        case .unusable: throw .unusable
        }
    }
}
