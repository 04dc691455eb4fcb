import Foundation

/// glpsol wrote something this runtime cannot read.
enum GlpsolOutputError: Error, Equatable, CustomStringConvertible {
    case unreadableColumnName(String)
    case unreadableSolution(String)
    case missingFile(String)

    var description: String {
        switch self {
        case .unreadableColumnName(let name): "glpsol named a column '\(name.prefix(300))', which is not a variable name with an index tuple (too long?)."
        case .unreadableSolution(let line): "glpsol's solution file has an unexpected line: '\(line.prefix(200))'."
        case .missingFile(let what): "glpsol did not write its \(what)."
        }
    }
}
