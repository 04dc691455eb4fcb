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

    public init(openFiles: UInt64? = 1024, addressSpace: UInt64? = nil, coreFileSize: UInt64? = 0) {
        self.openFiles = openFiles
        self.addressSpace = addressSpace
        self.coreFileSize = coreFileSize
    }

    /// (resource, value) pairs for `atrium_spawn`.
    var pairs: [(Int32, UInt64)] {
        var result: [(Int32, UInt64)] = []
        if let openFiles { result.append((Int32(RLIMIT_NOFILE.rawValue), openFiles)) }
        if let addressSpace { result.append((Int32(RLIMIT_AS.rawValue), addressSpace)) }
        if let coreFileSize { result.append((Int32(RLIMIT_CORE.rawValue), coreFileSize)) }
        return result
    }
}
