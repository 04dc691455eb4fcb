/// How a runtime process ended.
public enum ProcessExit: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var succeeded: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        }
    }

    static func signalName(_ signal: Int32) -> String? {
        switch signal {
        case 9: "SIGKILL"
        case 15: "SIGTERM"
        case 6: "SIGABRT"
        case 11: "SIGSEGV"
        case 2: "SIGINT"
        default: nil
        }
    }
}
