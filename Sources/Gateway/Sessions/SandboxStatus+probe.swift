import Foundation
import Sessions
import Store

extension SandboxStatus {
    /// Whether a sandbox can be made here: nil when it can, otherwise why not and what the admin
    /// can do, in words. The test itself is Sessions' (`Sandbox.probe`: a full sandbox, as a
    /// session gets one, runs `id -u` as its uid) in a root-only directory of `directory`
    /// (`DATA/scratch`); this adds only the admin's choices.
    public static func probe(_ settings: SandboxSettings, directory: String, executor: BlockingExecutor) async -> String? {
        guard let reason = await Sandbox.probe(settings: settings, directory: directory, executor: executor) else { return nil }
        return reason + ": install bubblewrap (Debian: apt-get install bubblewrap) or set sandboxBwrap (ATRIUM_SANDBOX_BWRAP) "
            + "to where it is; the kernel must allow mount, PID, IPC, UTS and network namespaces"
    }
}
