import Foundation

/// A column name as MathProg builds it: `x` or `x[Seattle,'New York',3]`. MathProg leaves a
/// string symbol bare when it is a letter or `_` followed by letters, digits and `+-._`;
/// otherwise it quotes it with `'` and doubles embedded quotes. Numbers are bare.
struct GlpsolColumnName: Equatable {
    var variable: String
    var key: [MathProgSymbol]

    static func parse(_ text: String) throws(GlpsolOutputError) -> GlpsolColumnName {
        let chars = Array(text)
        guard let open = chars.firstIndex(of: "[") else {
            guard MathProgCase.isName(text) else { throw .unreadableColumnName(text) }
            return GlpsolColumnName(variable: text, key: [])
        }
        let variable = String(chars[..<open])
        guard MathProgCase.isName(variable), chars.last == "]" else { throw .unreadableColumnName(text) }
        var key: [MathProgSymbol] = []
        var index = open + 1
        let end = chars.count - 1
        while true {
            guard index < end else { throw .unreadableColumnName(text) }
            if chars[index] == "'" {
                var symbol = ""
                index += 1
                while true {
                    guard index < end else { throw .unreadableColumnName(text) }
                    if chars[index] == "'" {
                        if index + 1 < end, chars[index + 1] == "'" { symbol.append("'"); index += 2; continue }
                        index += 1
                        break
                    }
                    symbol.append(chars[index])
                    index += 1
                }
                key.append(.string(symbol))
            } else {
                var token = ""
                while index < end, chars[index] != "," { token.append(chars[index]); index += 1 }
                key.append(try bare(token, in: text))
            }
            if index == end { break }
            guard chars[index] == "," else { throw .unreadableColumnName(text) }
            index += 1
        }
        return GlpsolColumnName(variable: variable, key: key)
    }

    private static func bare(_ token: String, in text: String) throws(GlpsolOutputError) -> MathProgSymbol {
        guard let first = token.unicodeScalars.first else { throw .unreadableColumnName(text) }
        if first == "_" || (first.isASCII && CharacterSet.letters.contains(first)) { return .string(token) }
        guard let value = MathProgNumber.parse(token) else { throw .unreadableColumnName(text) }
        return .number(value)
    }
}
