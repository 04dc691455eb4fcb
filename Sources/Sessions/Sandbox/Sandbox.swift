import Foundation

/// Runs a runtime process inside bubblewrap (docs/runtime.md, "The sandbox"): its own PID, IPC,
/// UTS, cgroup and (unless allowed) network namespaces and mount tree, which shows read-only
/// system directories, the runtime, the app, its own work and socket directories, a private
/// size-limited /tmp and nothing else. bwrap runs as root without a user namespace and runs
/// `setpriv`, which drops to the session's uid, clears groups and every capability and sets
/// no_new_privs before it execs the runtime; bwrap applies the seccomp filter first.
public struct Sandbox: Sendable {
    public var settings: SandboxSettings
    /// setpriv (util-linux).
    public var setprivPath = "/usr/bin/setpriv"
    /// prlimit (util-linux): sets a solve's soft CPU limit below its hard one.
    public var prlimitPath = "/usr/bin/prlimit"
    /// Seconds of CPU between SIGXCPU (the soft limit) and SIGKILL (the hard one).
    static let cpuGraceSeconds: UInt64 = 5

    public init(settings: SandboxSettings) {
        self.settings = settings
    }

    /// The launch of bwrap that runs `launch` (a host command line) for `profile`. Its
    /// `passedDescriptor` must be set to the seccomp program's descriptor (`SeccompFilter`) and
    /// `cgroupJoins` to the cgroup's, by the caller, who closes them after the start.
    /// With `memoryCgroup` (the session's cgroup holds its memory) there is no RLIMIT_AS: the
    /// cgroup's OOM kill is what ends a runtime at its limit, with reason "memory limit"; an
    /// address-space limit as well would fail its allocations first. Without one, RLIMIT_AS
    /// (`memoryBytes`) is the fallback.
    public func wrap(_ launch: ProcessLaunch, profile: SandboxProfile, etc: SandboxEtc?, memoryCgroup: Bool = false) -> ProcessLaunch {
        let view = SandboxView(profile)
        var arguments = [settings.bwrapPath,
                         "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
        if !profile.networkAllowed { arguments.append("--unshare-net") }
        arguments += ["--die-with-parent", "--new-session", "--hostname", "atrium"]
        arguments += Self.systemMounts
        arguments += ["--perms", "0755", "--dir", "/etc"]
        for file in Self.etcFiles + (profile.networkAllowed ? Self.networkEtcFiles : []) where FileManager.default.fileExists(atPath: file) {
            arguments += ["--ro-bind", file, file]
        }
        if let etc {
            arguments += ["--ro-bind", etc.passwd, "/etc/passwd", "--ro-bind", etc.group, "/etc/group"]
        }
        arguments += ["--proc", "/proc", "--dev", "/dev",
                      "--perms", "1777", "--size", "\(settings.scratchBytes)", "--tmpfs", "/tmp",
                      "--perms", "0755", "--dir", "/atrium",
                      "--ro-bind", profile.appDirectory, SandboxView.app,
                      "--ro-bind", profile.runtimeDirectory, SandboxView.runtime,
                      "--bind", profile.workDirectory, SandboxView.work,
                      "--bind", profile.socketDirectory, SandboxView.sock]
        // The gateway's API socket, when it listens (a node without its API, e.g. in tests, has none).
        if let socket = profile.apiSocket, FileManager.default.fileExists(atPath: socket) {
            arguments += ["--ro-bind", socket, SandboxView.apiSocket]
        }
        let executable: String
        if view.path(launch.executable) != launch.executable || Self.isSystemPath(launch.executable) {
            executable = view.path(launch.executable)
        } else {
            // A program of the host outside the system directories (the reference runtime beside
            // the atrium binary): the file itself, and the libraries it links from outside them.
            executable = SandboxView.bin + "/" + (launch.executable as NSString).lastPathComponent
            arguments += ["--perms", "0755", "--dir", SandboxView.bin, "--ro-bind", launch.executable, executable]
            arguments += HostLibraries.bindArguments(of: launch.executable)
        }
        arguments += ["--chdir", SandboxView.work, "--seccomp", "\(3)", "--cap-add", "CAP_SETUID,CAP_SETGID"]
        let uid = "\(profile.uid)"
        let cpuSeconds = profile.kind == .solve ? settings.solveCPUSeconds : nil
        if let cpuSeconds {
            // RLIMIT_CPU: the hard limit (set before exec) is 5 s above the soft one that prlimit
            // sets here, so the runtime gets SIGXCPU at the soft limit ("CPU time limit") and
            // SIGKILL only if it ignores that. Lowering a soft limit needs no privilege.
            arguments += [prlimitPath, "--cpu=\(cpuSeconds):\(cpuSeconds + Self.cpuGraceSeconds)", "--"]
        }
        arguments += [setprivPath, "--reuid", uid, "--regid", uid, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
                      "--no-new-privs", "--", executable]
        arguments += launch.arguments.dropFirst()
        var limits = launch.limits
        limits.processes = settings.processes
        limits.addressSpace = memoryCgroup ? nil : settings.memoryBytes
        limits.openFiles = settings.openFiles
        limits.fileSize = settings.fileSizeBytes
        limits.coreFileSize = 0
        limits.cpuSeconds = cpuSeconds.map { $0 + Self.cpuGraceSeconds }
        return ProcessLaunch(executable: settings.bwrapPath, arguments: arguments, environment: launch.environment,
                             workingDirectory: "/", limits: limits, passedDescriptor: launch.passedDescriptor,
                             cgroupJoins: launch.cgroupJoins, sandboxed: true)
    }

    /// /usr read-only, and /bin, /lib, /lib64, /sbin as the host has them: symlinks into /usr on a
    /// merged-/usr system (Debian 12), read-only binds otherwise.
    static let systemMounts: [String] = {
        var arguments = ["--ro-bind", "/usr", "/usr"]
        for directory in ["/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: directory) {
                arguments += ["--symlink", target, directory]
            } else if FileManager.default.fileExists(atPath: directory) {
                arguments += ["--ro-bind", directory, directory]
            }
        }
        return arguments
    }()

    /// What programs need of /etc: the dynamic linker's cache, the time zone, name service order.
    static let etcFiles = ["/etc/ld.so.cache", "/etc/localtime", "/etc/nsswitch.conf", "/etc/timezone"]
    /// And with the network: name resolution and the system's CA certificates.
    static let networkEtcFiles = ["/etc/resolv.conf", "/etc/hosts", "/etc/host.conf", "/etc/ssl", "/etc/ca-certificates",
                                  "/etc/gai.conf"]

    static func isSystemPath(_ path: String) -> Bool {
        ["/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/"].contains { path.hasPrefix($0) }
    }
}
