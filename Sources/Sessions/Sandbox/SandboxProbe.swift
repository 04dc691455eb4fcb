import Foundation
import Store

extension Sandbox {
    /// Runs `id -u` once in a full sandbox (a uid, bwrap, setpriv, the seccomp filter, the
    /// limits) under `directory` (root-only scratch space, e.g. `DATA/run`); nil when it ran as
    /// its uid, else why the sandbox cannot be made here, in words.
    public static func probe(settings: SandboxSettings, directory: String, executor: BlockingExecutor) async -> String? {
        guard FileManager.default.isExecutableFile(atPath: settings.bwrapPath) else {
            return "there is no bubblewrap executable at \(settings.bwrapPath)"
        }
        // Its own id: the cgroup is named after it, and two gateways on one host may probe at
        // once (a shared name let one remove the other's cgroup mid-spawn: ENODEV).
        let id = "probe-" + RandomID.make(bytes: 6)
        let scratch = directory + "/sandbox-" + id
        defer { ScratchDirectory.remove(scratch) }
        do {
            for sub in ["", "/app", "/runtime"] {
                try FileManager.default.createDirectory(atPath: scratch + sub, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            var enabled = settings
            enabled.enabled = true
            let space = try await SandboxSpace.prepare(settings: enabled, id: id, kind: .data, directory: scratch,
                                                       runtimeDirectory: scratch + "/runtime", apiSocket: nil, networkAllowed: false,
                                                       executor: executor)
            defer { Task { await space.release() } }
            let log = try SessionLog(path: scratch + "/log")
            let process = try space.start(ProcessLaunch(executable: "/usr/bin/id", arguments: ["id", "-u"], environment: [:],
                                                        workingDirectory: "/"), log: log, workGuard: nil)
            let exit = await process.waitForExit()
            let text = log.contents().trimmingCharacters(in: .whitespacesAndNewlines)
            // The log may open with the gateway's own notes (`[atrium] sandbox: no cgroup …`): the
            // program's answer is its last line.
            let answer = text.split(separator: "\n").last.map(String.init) ?? ""
            guard exit.succeeded, answer == "\(space.profile?.uid ?? 0)" else {
                return "a sandboxed test process ended with \(exit): \(text.prefix(300))"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }
}
