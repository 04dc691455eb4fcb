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

    public init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String,
                limits: ResourceLimits = ResourceLimits()) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.limits = limits
    }
}
