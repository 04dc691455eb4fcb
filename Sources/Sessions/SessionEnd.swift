/// How a data session ended, as recorded in the catalog.
public enum SessionEnd: Sendable, Hashable, CustomStringConvertible {
    case stopped(StopReason)
    /// The runtime exited with code 0 on its own.
    case exited
    case crashed(ProcessExit)
    /// The runtime reached a limit of its sandbox (memory, CPU time, file size) and ended.
    case limitReached(RuntimeLimit)
    /// It never started (runtime not verified, app not opened, spawn failed).
    case launchFailed(String)

    public var description: String {
        switch self {
        case .stopped(let reason): "stopped (\(reason.rawValue))"
        case .exited: "exited"
        case .crashed(let exit): "crashed (\(exit))"
        case .limitReached(let limit): "stopped: \(limit) reached"
        case .launchFailed(let why): "launch failed: \(why)"
        }
    }
}
