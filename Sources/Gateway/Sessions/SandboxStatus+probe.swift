import Foundation
import Sessions

extension SandboxStatus {
    /// Whether bubblewrap can make a sandbox here: nil when it can, otherwise why not and what
    /// the admin can do, in words.
    ///
    /// Until the sandbox launcher's own probe (`Sandbox.probe(settings:)`, Sessions) is in, this
    /// asks bubblewrap itself: the executable must be there, and a sandbox with new mount, PID,
    /// IPC, UTS, network and user namespaces must run `true`.
    public static func probe(_ settings: SandboxSettings) -> String? {
        let bwrap = settings.bwrapPath
        guard FileManager.default.isExecutableFile(atPath: bwrap) else {
            return "there is no bubblewrap executable at \(bwrap): install bubblewrap (Debian: apt-get install bubblewrap) "
                + "or set sandboxBwrap (ATRIUM_SANDBOX_BWRAP) to where it is"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bwrap)
        process.arguments = ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                             "--", "/bin/true"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return "bubblewrap (\(bwrap)) does not start: \(error)"
        }
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let words = String(decoding: said.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return "bubblewrap (\(bwrap)) cannot make a sandbox on this host (\(words.isEmpty ? "exit \(process.terminationStatus)" : words)): "
                + "the kernel must allow mount, PID, IPC, UTS, network and user namespaces"
        }
        return nil
    }
}
