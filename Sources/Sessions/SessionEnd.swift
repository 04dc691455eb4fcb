/// How a data session ended, as recorded in the catalog.
public enum SessionEnd: Sendable, Hashable, CustomStringConvertible {
    case stopped(StopReason)
    /// The runtime exited with code 0 on its own.
    case exited
    case crashed(ProcessExit)

    public var description: String {
        switch self {
        case .stopped(let reason): "stopped (\(reason.rawValue))"
        case .exited: "exited"
        case .crashed(let exit): "crashed (\(exit))"
        }
    }
}
