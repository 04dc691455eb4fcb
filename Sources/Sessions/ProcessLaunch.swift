import Foundation

/// Everything needed to start a runtime process (docs/runtime.md: "How a session is started").
public struct ProcessLaunch: Sendable {
    /// Absolute path of the executable.
    public var executable: String
    /// argv, argv[0] included.
    public var arguments: [String]
    /// The complete environment: nothing of the gateway's own is inherited.
    public var environment: [String: String]
    public var workingDirectory: String
    /// Resource limits set (soft = hard) before exec.
    public var limits: ResourceLimits
    /// A descriptor of the caller's that the process gets as descriptor 3 (the sandbox's seccomp
    /// program for bwrap); the caller keeps and closes its own.
    public var passedDescriptor: Int32?
    /// Open `cgroup.procs` files the process joins before exec (the sandbox's cgroups).
    public var cgroupJoins: [Int32]
    /// Set when `executable` is bwrap wrapping the runtime (see `Sandbox`): stopping signals the
    /// runtime inside, and the exit is read through bwrap's conventions.
    public var sandboxed: Bool

    public init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String,
                limits: ResourceLimits = ResourceLimits(), passedDescriptor: Int32? = nil, cgroupJoins: [Int32] = [],
                sandboxed: Bool = false) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.limits = limits
        self.passedDescriptor = passedDescriptor
        self.cgroupJoins = cgroupJoins
        self.sandboxed = sandboxed
    }
}
