import Foundation

/// What a MathProg model declares (sets, params, variables, the objective) and the comment that
/// describes each: the comment right after the declaration (on its last line or the next one;
/// GLPK's examples write them so), else the comment that ends on the line right before it. The
/// model is only scanned, never evaluated.
struct ModelDeclarations: Sendable, Equatable {
    struct Declaration: Sendable, Equatable {
        /// `set`, `param`, `var`, `minimize` or `maximize`.
        var kind: String
        var name: String
        var comment: String?
    }

    var declarations: [Declaration] = []

    /// The objective, when the model has one.
    var objective: Declaration? { declarations.first { $0.kind == "minimize" || $0.kind == "maximize" } }

    /// Each declared name's comment.
    var comments: [String: String] {
        var out: [String: String] = [:]
        for declaration in declarations { if let comment = declaration.comment { out[declaration.name] = comment } }
        return out
    }

    static let kinds: Set<String> = ["set", "param", "var", "minimize", "maximize"]

    /// A statement (up to its `;`) or a comment, with the lines it starts and ends on.
    private struct Piece {
        var isComment: Bool
        var text: String
        var firstLine: Int
        var lastLine: Int
    }

    init(model text: String) {
        let pieces = Self.pieces(text)
        // A comment right after any statement (a constraint's too) belongs to that statement.
        let trailing = pieces.indices.filter { index in
            index > 0 && pieces[index].isComment && !pieces[index - 1].isComment && pieces[index].firstLine <= pieces[index - 1].lastLine + 1
        }
        let claimed = Set(trailing)
        for (index, piece) in pieces.enumerated() where !piece.isComment {
            guard let (kind, name) = Self.declared(piece.text) else { continue }
            var comment: String?
            if claimed.contains(index + 1) {
                comment = pieces[index + 1].text
            } else if index > 0, pieces[index - 1].isComment, !claimed.contains(index - 1),
                      pieces[index - 1].lastLine >= piece.firstLine - 1 {
                comment = pieces[index - 1].text
            }
            declarations.append(Declaration(kind: kind, name: name, comment: comment.flatMap(Self.tidy)))
        }
    }

    /// `set I dimen 2;` → (`set`, `I`); nil for other statements.
    private static func declared(_ statement: String) -> (String, String)? {
        let words = statement.split(whereSeparator: \.isWhitespace)
        guard let first = words.first, kinds.contains(String(first)), words.count > 1 else { return nil }
        let name = String(words[1].prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }))
        guard MathProgCase.isName(name) else { return nil }
        return (String(first), name)
    }

    /// A comment's text without its markers, its lines joined; nil when empty.
    private static func tidy(_ comment: String) -> String? {
        let lines = comment.split(separator: "\n").map { line in
            line.trimmingCharacters(in: .whitespaces).drop(while: { $0 == "*" || $0 == "#" }).trimmingCharacters(in: .whitespaces)
        }
        let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? nil : String(text.prefix(300))
    }

    /// The model as statements and comments, in order. Quoted strings are kept whole, so a `;`,
    /// `#` or `/*` inside one ends nothing. Consecutive `#` lines are one comment.
    private static func pieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        let chars = Array(text)
        var index = 0
        var line = 1
        var statement = ""
        var statementLine = 0
        func advance(to end: Int) {
            line += chars[index..<end].filter { $0 == "\n" }.count
            index = end
        }
        while index < chars.count {
            let char = chars[index]
            if char == "/", index + 1 < chars.count, chars[index + 1] == "*" {
                var end = index + 2
                while end + 1 < chars.count, !(chars[end] == "*" && chars[end + 1] == "/") { end += 1 }
                let body = String(chars[(index + 2)..<min(end, chars.count)])
                let first = line
                advance(to: min(end + 2, chars.count))
                if statement.isEmpty { pieces.append(Piece(isComment: true, text: body, firstLine: first, lastLine: line)) }
                continue
            }
            if char == "#" {
                var end = index + 1
                while end < chars.count, chars[end] != "\n" { end += 1 }
                let body = String(chars[index..<end])
                if statement.isEmpty {
                    if let last = pieces.last, last.isComment, last.text.hasPrefix("#"), last.lastLine == line - 1 {
                        pieces[pieces.count - 1].text += "\n" + body
                        pieces[pieces.count - 1].lastLine = line
                    } else {
                        pieces.append(Piece(isComment: true, text: body, firstLine: line, lastLine: line))
                    }
                }
                advance(to: end)
                continue
            }
            if statement.isEmpty, char.isWhitespace {
                advance(to: index + 1)
                continue
            }
            if statement.isEmpty { statementLine = line }
            if char == "'" || char == "\"" {
                var end = index + 1
                while end < chars.count, chars[end] != char { end += 1 }
                end = min(end + 1, chars.count)
                statement += String(chars[index..<end])
                advance(to: end)
                continue
            }
            statement.append(char)
            advance(to: index + 1)
            if char == ";" {
                pieces.append(Piece(isComment: false, text: statement, firstLine: statementLine, lastLine: line))
                statement = ""
            }
        }
        return pieces
    }
}
