import Foundation

/// A UI request the editor refuses.
enum EditorError: Error, CustomStringConvertible {
    case missing(String)
    case unknownOp(String)
    case notSaved
    case solveRunning
    case notACase(CaseError)

    var description: String {
        switch self {
        case .missing(let field): "The request lacks '\(field)'."
        case .unknownOp(let op): "Unknown request '\(op.prefix(32))'."
        case .notSaved: "Save the case first (enter a name and Save as…), then solve it."
        case .solveRunning: "A solve is already running for this session."
        case .notACase(let error): "The case version is not a case of this runtime: \(error)"
        }
    }
}
