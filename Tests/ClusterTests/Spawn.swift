import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting processes with posix_spawn rather than Foundation's `Process`: `Process` learns of an
/// exit through a descriptor its child inherits, so a daemon started by that child (pg-up's
/// PostgreSQL) or a process that inherited it keeps the parent waiting forever. Every child gets
/// stdin from /dev/null, stdout and stderr into `output`, and no other descriptor of ours
/// (closed by a bash prologue before the real program is exec'd, keeping the pid).
enum Spawn {
    static func start(_ executable: String, _ arguments: [String], environment: [String: String], output: String, append: Bool) throws -> pid_t {
        // No redirection on the loop: bash would restore stderr from a saved copy the loop closes.
        let prologue = #"for fd in $(ls /proc/$$/fd); do if [ "$fd" -gt 2 ]; then exec {fd}>&-; fi; done; exec "$0" "$@""#
        let argv = ["/bin/bash", "-c", prologue, executable] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArgv = argv.map { strdup($0) } + [nil]
        var cEnvp = envp.map { strdup($0) } + [nil]
        defer {
            for pointer in cArgv { free(pointer) }
            for pointer in cEnvp { free(pointer) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/bash", &actions, nil, &cArgv, &cEnvp)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        return pid
    }

    /// Whether `pid` (our child) has ended; reaps it. A child someone else reaped counts as ended.
    static func ended(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        return result == pid || (result == -1 && errno == ECHILD)
    }

    /// Waits for `pid` to end; its exit status (-1 when it was signalled or reaped elsewhere).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, 0)
            if result == pid { break }
            if result == -1 && errno != EINTR { return -1 }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    /// The current environment with `overrides`.
    static func environment(_ overrides: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in overrides { environment[key] = value }
        return environment
    }
}
