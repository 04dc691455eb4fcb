#if canImport(Glibc)
import Glibc
#endif

/// A limit of the sandbox that ended a runtime process, in the words its log and the session's
/// or job's end reason use.
public enum RuntimeLimit: String, Sendable, Hashable, CustomStringConvertible {
    /// RLIMIT_CPU: SIGXCPU.
    case cpuTime = "CPU time limit"
    /// RLIMIT_FSIZE: SIGXFSZ.
    case fileSize = "file size limit"
    /// The memory cgroup killed a process at its limit.
    case memory = "memory limit"

    public var description: String { rawValue }

    /// The limit behind `exit`, if any (a sandboxed runtime's exit is already the runtime's own:
    /// `RuntimeProcess` reads bwrap's 128 + signal as that signal). Failures to fork or allocate
    /// under RLIMIT_NPROC and RLIMIT_AS are the runtime's own errors (it sees them and says so),
    /// not a limit end.
    public init?(exit: ProcessExit, memoryLimitHit: Bool) {
        if memoryLimitHit, !exit.succeeded {
            self = .memory
            return
        }
        guard case .signaled(let signal) = exit else { return nil }
        switch signal {
        case SIGXCPU: self = .cpuTime
        case SIGXFSZ: self = .fileSize
        default: return nil
        }
    }
}
