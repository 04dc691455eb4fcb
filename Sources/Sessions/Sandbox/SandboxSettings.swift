/// How runtime processes are contained (docs/runtime.md, "The sandbox"). Set by the gateway's
/// settings table; the sandbox launcher (`Sandbox`) carries it out.
public struct SandboxSettings: Sendable, Hashable {
    /// Run every runtime process inside bubblewrap. When false (only ever by an explicit admin
    /// setting) runtimes run as the gateway's own user, and the gateway says so loudly.
    public var enabled: Bool
    /// The bubblewrap executable.
    public var bwrapPath: String
    /// Each running session or job gets its own uid (and gid) from this range, never 0 and never
    /// the gateway's.
    public var uidRange: ClosedRange<UInt32>
    /// Resident memory of a session's processes together, in bytes (cgroup where available; an
    /// address-space limit per process otherwise).
    public var memoryBytes: UInt64
    /// Processes and threads of one session (its own uid makes RLIMIT_NPROC count only these).
    public var processes: UInt64
    /// CPU seconds of a solve (RLIMIT_CPU); data sessions have none.
    public var solveCPUSeconds: UInt64?
    /// Open files per process.
    public var openFiles: UInt64
    /// Largest file a runtime may write, in bytes.
    public var fileSizeBytes: UInt64
    /// Size of the writable scratch and of the private /tmp, in bytes each.
    public var scratchBytes: UInt64

    public init(enabled: Bool = true, bwrapPath: String = "/usr/bin/bwrap",
                uidRange: ClosedRange<UInt32> = 200_000...265_535,
                memoryBytes: UInt64 = 2 << 30, processes: UInt64 = 256, solveCPUSeconds: UInt64? = nil,
                openFiles: UInt64 = 1024, fileSizeBytes: UInt64 = 1 << 30, scratchBytes: UInt64 = 1 << 30) {
        self.enabled = enabled
        self.bwrapPath = bwrapPath
        self.uidRange = uidRange
        self.memoryBytes = memoryBytes
        self.processes = processes
        self.solveCPUSeconds = solveCPUSeconds
        self.openFiles = openFiles
        self.fileSizeBytes = fileSizeBytes
        self.scratchBytes = scratchBytes
    }
}
