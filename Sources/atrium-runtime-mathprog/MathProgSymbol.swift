import Foundation

/// A member of a MathProg set: a string or a number. MathProg keeps `1` and `'1'` apart, and so
/// does the case format (a JSON number versus a JSON string).
enum MathProgSymbol: Hashable, Sendable, Codable, CustomStringConvertible {
    case string(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "A set member must be a string or a number.")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .number(let value): try container.encode(value)
        }
    }

    var description: String {
        switch self {
        case .string(let text): text
        case .number(let value): MathProgNumber.format(value)
        }
    }
}
