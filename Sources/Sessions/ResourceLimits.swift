#if canImport(Glibc)
import Glibc
#endif

/// Per-process limits for runtime processes. nil leaves the gateway's own limit.
public struct ResourceLimits: Sendable, Hashable {
    /// RLIMIT_NOFILE.
    public var openFiles: UInt64?
    /// RLIMIT_AS in bytes (virtual memory; generous, because runtimes map more than they use).
    public var addressSpace: UInt64?
    /// RLIMIT_CORE: no core dumps of user models by default.
    public var coreFileSize: UInt64?
    /// RLIMIT_NPROC: processes and threads of the process's real uid (one uid per sandboxed
    /// session, so only its own count). Root ignores it; the sandbox's setpriv is bound by it.
    public var processes: UInt64?
    /// RLIMIT_CPU in seconds (SIGXCPU when reached).
    public var cpuSeconds: UInt64?
    /// RLIMIT_FSIZE in bytes (SIGXFSZ when a write goes past it).
    public var fileSize: UInt64?

    public init(openFiles: UInt64? = 1024, addressSpace: UInt64? = nil, coreFileSize: UInt64? = 0,
                processes: UInt64? = nil, cpuSeconds: UInt64? = nil, fileSize: UInt64? = nil) {
        self.openFiles = openFiles
        self.addressSpace = addressSpace
        self.coreFileSize = coreFileSize
        self.processes = processes
        self.cpuSeconds = cpuSeconds
        self.fileSize = fileSize
    }

    /// (resource, value) pairs for `atrium_spawn`.
    var pairs: [(Int32, UInt64)] {
        var result: [(Int32, UInt64)] = []
        if let openFiles { result.append((Int32(RLIMIT_NOFILE.rawValue), openFiles)) }
        if let addressSpace { result.append((Int32(RLIMIT_AS.rawValue), addressSpace)) }
        if let coreFileSize { result.append((Int32(RLIMIT_CORE.rawValue), coreFileSize)) }
        if let processes { result.append((Int32(__RLIMIT_NPROC.rawValue), processes)) }
        if let cpuSeconds { result.append((Int32(RLIMIT_CPU.rawValue), cpuSeconds)) }
        if let fileSize { result.append((Int32(RLIMIT_FSIZE.rawValue), fileSize)) }
        return result
    }
}
