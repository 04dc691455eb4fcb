import Foundation

/// Why `solve` wrote no output.
enum SolveError: Error, CustomStringConvertible {
    case cannotRead(String, String)
    case invalidCase(CaseError)
    case glpsolFailed(Int32, String)
    case unreadableOutput(GlpsolOutputError)
    case cannotWrite(String, String)
    case terminated

    var description: String {
        switch self {
        case .cannotRead(let path, let why): "Cannot read \(path): \(why)"
        case .invalidCase(let error): "The input case is refused: \(error)"
        case .glpsolFailed(let code, let tail): "glpsol failed (exit status \(code)):\n\(tail)"
        case .unreadableOutput(let error): "\(error)"
        case .cannotWrite(let path, let why): "Cannot write the output case to \(path): \(why)"
        case .terminated: "Stopped by SIGTERM before the solution was written."
        }
    }
}
