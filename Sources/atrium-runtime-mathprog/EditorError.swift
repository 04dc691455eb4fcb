import Foundation

/// A UI request the editor refuses.
enum EditorError: Error, CustomStringConvertible {
    case missing(String)
    case unknownOp(String)
    case notSaved
    case solveRunning
    case noSolveRunning
    case badValue(param: String, key: [MathProgSymbol], MathProgNumberError)
    case notACase(CaseError)

    var description: String {
        switch self {
        case .missing(let field): "The request lacks '\(field)'."
        case .unknownOp(let op): "Unknown request '\(op.prefix(32))'."
        case .notSaved: "Save the case first (enter a name and Save as…), then solve it."
        case .solveRunning: "A solve is already running for this session; wait for it or cancel it."
        case .noSolveRunning: "No solve is running."
        case .badValue(let param, let key, let error):
            "\(param)\(key.isEmpty ? "" : "[" + key.map(\.description).joined(separator: ",") + "]"): \(error)"
        case .notACase(let error): "The case version is not a case of this runtime: \(error)"
        }
    }
}
