import CAtriumSpawn
import Foundation
import Store
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One running runtime process: started in a process group of its own, its output read by a
/// monitor thread (poll on the output pipe and a pidfd) into a `SessionLog`, its exit reported
/// once. Stopping signals the whole group, so children (glpsol under a runtime) stop too.
/// A sandboxed process (`ProcessLaunch.sandboxed`) is bwrap: SIGTERM goes to the runtime's own
/// session inside the sandbox (bwrap does not forward signals), SIGKILL to bwrap's group too,
/// which ends the sandbox's PID namespace and with it every process in it.
public final class RuntimeProcess: Sendable {
    public let pid: Int32
    public let log: SessionLog
    let workGuard: WorkGuard?
    let sandboxed: Bool
    let cgroup: SandboxCgroup?
    private let exitState = Mutex<ExitState>(ExitState())

    struct ExitState {
        var exit: ProcessExit?
        var limit: RuntimeLimit?
        var waiters: [CheckedContinuation<ProcessExit, Never>] = []
    }

    /// Starts the process. `onLine` gets each complete output line (on the monitor thread).
    /// With a `workGuard`, the process group is watched by it until the process ends. With a
    /// `cgroup` (the sandbox's), an end by its memory limit is recognised.
    public static func start(_ launch: ProcessLaunch, log: SessionLog, workGuard: WorkGuard? = nil, cgroup: SandboxCgroup? = nil,
                             onLine: @escaping @Sendable (String) -> Void = { _ in }) throws -> RuntimeProcess {
        var fds: [Int32] = [0, 0]
        guard atrium_pipe_cloexec(&fds) == 0 else { throw SessionError.spawnFailed("pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let environment = launch.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let limits = launch.limits.pairs
        var spawnError: Int32 = 0
        let pid = withCStrings(launch.arguments) { argv in
            withCStrings(environment) { envp in
                limits.map(\.0).withUnsafeBufferPointer { resources in
                    limits.map { CUnsignedLongLong($0.1) }.withUnsafeBufferPointer { values in
                        launch.cgroupJoins.withUnsafeBufferPointer { joins in
                            atrium_spawn(launch.executable, argv, envp, launch.workingDirectory, writeEnd,
                                         resources.baseAddress, values.baseAddress, Int32(limits.count),
                                         launch.passedDescriptor ?? -1, joins.baseAddress, Int32(joins.count), &spawnError)
                        }
                    }
                }
            }
        }
        close(writeEnd)
        guard pid > 0 else {
            close(readEnd)
            throw SessionError.spawnFailed("\(launch.executable): \(String(cString: strerror(spawnError)))")
        }
        workGuard?.watch(group: pid)
        let process = RuntimeProcess(pid: pid, log: log, workGuard: workGuard, sandboxed: launch.sandboxed, cgroup: cgroup)
        let pidfd = atrium_pidfd_open(pid)
        DedicatedThread.start(name: "atrium-runtime-\(pid)", stackSize: 256 << 10) {
            process.monitor(readEnd: readEnd, pidfd: pidfd, onLine: onLine)
        }
        return process
    }

    private init(pid: Int32, log: SessionLog, workGuard: WorkGuard?, sandboxed: Bool, cgroup: SandboxCgroup?) {
        self.pid = pid
        self.log = log
        self.workGuard = workGuard
        self.sandboxed = sandboxed
        self.cgroup = cgroup
    }

    /// The exit, once it happened.
    public var exit: ProcessExit? { exitState.withLock { $0.exit } }

    /// The limit that ended the process, if one did (known once it exited).
    public var limit: RuntimeLimit? { exitState.withLock { $0.limit } }

    /// Waits for the process to end.
    public func waitForExit() async -> ProcessExit {
        await withCheckedContinuation { continuation in
            let done: ProcessExit? = exitState.withLock { state in
                if let exit = state.exit { return exit }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Sends `signal` to the process group (no-op once the process was reaped).
    public func signalGroup(_ signal: Int32) {
        exitState.withLock { state in
            // Holding the lock while signalling: the monitor reaps under the same lock, so the
            // group id cannot have been reused by the time kill runs.
            guard state.exit == nil else { return }
            if sandboxed, let inside = Self.sandboxSession(of: pid) {
                _ = kill(-inside, signal)
                if signal != SIGKILL { return }
            }
            _ = kill(-pid, signal)
        }
    }

    /// SIGTERM to the group, SIGKILL after `grace` if it has not ended; returns the exit.
    @discardableResult
    public func stop(grace: Duration) async -> ProcessExit {
        if let exit { return exit }
        signalGroup(SIGTERM)
        let killer = Task {
            try await Task.sleep(for: grace)
            if self.exit == nil {
                self.log.note("the runtime did not stop within \(grace) of SIGTERM; killed")
                self.signalGroup(SIGKILL)
            }
        }
        let exit = await waitForExit()
        killer.cancel()
        return exit
    }

    private func monitor(readEnd: Int32, pidfd: Int32, onLine: @Sendable (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var pipeOpen = true
        var exited = false
        var pollSet = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)]
        while pipeOpen, !exited {
            pollSet[0].revents = 0
            pollSet[1].revents = 0
            let count = pidfd >= 0 ? 2 : 1
            let ready = poll(&pollSet, nfds_t(count), pidfd >= 0 ? -1 : 200)
            if ready < 0, errno == EINTR { continue }
            if pollSet[0].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if n > 0 {
                    for line in log.append(buffer[0..<n]) { onLine(line) }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    pipeOpen = false
                }
            }
            if pidfd >= 0 ? pollSet[1].revents != 0 : Self.hasExited(pid) { exited = true }
        }
        // Drain what the process wrote before it ended, without waiting for stray children
        // that may hold the pipe: they are killed with the group below.
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            for line in log.append(buffer[0..<n]) { onLine(line) }
        }
        if let last = log.endOfOutput() { onLine(last) }
        var status: Int32 = 0
        var reaped: Int32
        repeat { reaped = waitpid(pid, &status, 0) } while reaped < 0 && errno == EINTR
        var exit: ProcessExit = atrium_wifsignaled(status) != 0 ? .signaled(atrium_wtermsig(status)) : .exited(atrium_wexitstatus(status))
        // bwrap exits with 128 + the signal that killed the runtime, as a shell does.
        if sandboxed, case .exited(let code) = exit, code > 128, code < 128 + 65 { exit = .signaled(code - 128) }
        let limit = RuntimeLimit(exit: exit, memoryLimitHit: cgroup?.memoryLimitHit ?? false)
        if let limit { log.note("the runtime reached its \(limit) (\(exit))") }
        let waiters = exitState.withLock { state -> [CheckedContinuation<ProcessExit, Never>] in
            _ = kill(-pid, SIGKILL)  // leftover children of the group, before the id can be reused
            workGuard?.forget(group: pid)
            state.exit = exit
            state.limit = limit
            defer { state.waiters = [] }
            return state.waiters
        }
        close(readEnd)
        if pidfd >= 0 { close(pidfd) }
        // The log stays open for the owner's last notes (why it ended); the owner finishes it.
        for waiter in waiters { waiter.resume(returning: exit) }
    }

    /// The session bwrap's inner process leads inside the sandbox (its pid on the host): bwrap's
    /// only child, the sandbox's PID 1, which called setsid and whose group the runtime is in.
    private static func sandboxSession(of pid: Int32) -> Int32? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8),
              let first = text.split(separator: " ").first, let child = Int32(first.trimmingCharacters(in: .whitespacesAndNewlines)),
              child > 0 else { return nil }
        return child
    }

    private static func hasExited(_ pid: Int32) -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }
}

/// Calls `body` with a NULL-terminated C array of the strings.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
