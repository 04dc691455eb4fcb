import CAtriumSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Fencing on the process side. In a cluster, once a node stops heartbeating the master hands
/// its jobs to other nodes; if that node was only paused (SIGSTOP, a long GC-like stall, a cut
/// link to the catalog), its runtime processes — in process groups of their own, so not paused
/// with it — would still run, and a job would run twice at once. The guard is a small forked
/// child (no exec, async-signal-safe calls only; `atrium_guard_start`) that watches the process
/// groups of this node's runtimes. The node renews it after every successful heartbeat; when no
/// renewal came for `timeout` (shorter than the time after which others declare the node dead),
/// or when the node dies (end of file on the command pipe), the guard SIGKILLs every watched group.
public final class WorkGuard: Sendable {
    public let pid: Int32
    public let timeout: Duration
    private let state: Mutex<State>

    struct State {
        var fd: Int32
        var lastRenewal: ContinuousClock.Instant
    }

    /// Starts the guard with `timeout` (at least 100 ms).
    public init(timeout: Duration) throws {
        let ms = max(100, Int32(clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        var fd: Int32 = -1
        var error: Int32 = 0
        // A write to a pipe whose guard is gone must fail with EPIPE, not kill the node.
        signal(SIGPIPE, SIG_IGN)
        let pid = atrium_guard_start(ms, &fd, &error)
        guard pid > 0 else { throw SessionError.spawnFailed("work guard: \(String(cString: strerror(error)))") }
        self.pid = pid
        self.timeout = .milliseconds(Int(ms))
        self.state = Mutex(State(fd: fd, lastRenewal: .now))
    }

    /// Watches the process group `group` (a runtime just started).
    public func watch(group: Int32) {
        guard group > 0 else { return }
        send(group)
    }

    /// Forgets `group` (its process ended).
    public func forget(group: Int32) {
        guard group > 0 else { return }
        send(-group)
    }

    /// Renews the guard (after a successful heartbeat).
    public func renew() {
        state.withLock { $0.lastRenewal = .now }
        send(0)
    }

    /// True when the guard has gone `timeout` without a renewal by now, so it may have killed the
    /// node's runtimes: a runtime that died of SIGKILL then was fenced, not broken.
    public var mayHaveFired: Bool {
        state.withLock { ContinuousClock.now - $0.lastRenewal >= timeout }
    }

    /// Ends the guard without killing anything (the node stopped its runtimes itself).
    public func close() {
        send(Int32.min)
        closePipeAndReap()
    }

    /// Closes the command pipe as a dying node would (tests): the guard kills every watched group.
    func closeWithoutQuitting() {
        closePipeAndReap()
    }

    private func closePipeAndReap() {
        state.withLock { state in
            if state.fd >= 0 {
                Glibc.close(state.fd)
                state.fd = -1
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private func send(_ command: Int32) {
        state.withLock { state in
            guard state.fd >= 0 else { return }
            var value = command
            // Four bytes to a pipe are written whole (PIPE_BUF); a full pipe means the guard is stuck.
            while withUnsafeBytes(of: &value, { write(state.fd, $0.baseAddress, 4) }) < 0 && errno == EINTR {}
        }
    }
}
