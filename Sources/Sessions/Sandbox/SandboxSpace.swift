import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// The host side of one session's or job's runtime: `S/work` and `S/sock`, and with the sandbox
/// on, the uid it runs as (held until `release()`), its cgroup, its /etc files and the app and
/// runtime made readable to it. `view` gives the paths the runtime sees; `start` runs a launch
/// in it. Without the sandbox (an admin's explicit choice) the same directories exist, owned by
/// root, and the runtime runs as the gateway's user with host paths.
public final class SandboxSpace: Sendable {
    /// `S`.
    public let directory: String
    public let profile: SandboxProfile?
    public let view: SandboxView
    let sandbox: Sandbox?
    let lease: SandboxUIDs.Lease?
    let cgroup: SandboxCgroup?
    let etc: SandboxEtc?
    /// Why the cgroup step was skipped (the rlimits still hold), for the session's log.
    public let cgroupNote: String?

    public var workDirectory: String { directory + "/work" }
    public var socketDirectory: String { directory + "/sock" }

    /// Creates `S/work` and `S/sock` (S and S/app exist); with `settings.enabled`, takes a uid,
    /// gives both directories to it (0700), makes `S/app` and the runtime readable, writes the
    /// sandbox's /etc files and creates its cgroup.
    public static func prepare(settings: SandboxSettings, id: String, kind: SandboxProfile.Kind, directory: String,
                               runtimeDirectory: String, apiSocket: String?, networkAllowed: Bool,
                               executor: BlockingExecutor) async throws -> SandboxSpace {
        guard settings.enabled else {
            try await executor.run(.files) {
                for sub in ["/work", "/sock"] { try makeDirectory(directory + sub, owner: nil) }
            }
            return SandboxSpace(directory: directory, profile: nil, view: .identity, sandbox: nil, lease: nil, cgroup: nil, etc: nil,
                                cgroupNote: nil)
        }
        let lease = try SandboxUIDs.take(from: settings.uidRange)
        let profile = SandboxProfile(sessionDirectory: directory, runtimeDirectory: runtimeDirectory, apiSocket: apiSocket,
                                     uid: lease.uid, kind: kind, networkAllowed: networkAllowed)
        let etc: SandboxEtc
        do {
            etc = try await executor.run(.files) { () -> SandboxEtc in
                for sub in ["/work", "/sock"] { try makeDirectory(directory + sub, owner: lease.uid) }
                try mountWork(directory + "/work", bytes: settings.scratchBytes, owner: lease.uid)
                try ReadableTree.make(profile.appDirectory)
                try ReadableTree.makeRuntime(runtimeDirectory)
                return try SandboxEtc.write(uid: lease.uid, into: directory + "/etc")
            }
        } catch {
            ScratchDirectory.unmountWork(of: directory)
            lease.release()
            throw error
        }
        var why = ""
        let cgroup = SandboxCgroup.create(name: "\(kind.rawValue)-\(id)", memoryBytes: settings.memoryBytes,
                                          processes: settings.processes, why: &why)
        return SandboxSpace(directory: directory, profile: profile, view: SandboxView(profile), sandbox: Sandbox(settings: settings),
                            lease: lease, cgroup: cgroup, etc: etc, cgroupNote: cgroup == nil ? why : nil)
    }

    private init(directory: String, profile: SandboxProfile?, view: SandboxView, sandbox: Sandbox?, lease: SandboxUIDs.Lease?,
                 cgroup: SandboxCgroup?, etc: SandboxEtc?, cgroupNote: String?) {
        self.directory = directory
        self.profile = profile
        self.view = view
        self.sandbox = sandbox
        self.lease = lease
        self.cgroup = cgroup
        self.etc = etc
        self.cgroupNote = cgroupNote
    }

    /// Starts `launch` (host paths; its working directory is replaced by the work directory) in
    /// this space.
    public func start(_ launch: ProcessLaunch, log: SessionLog, workGuard: WorkGuard?,
                      onLine: @escaping @Sendable (String) -> Void = { _ in }) throws -> RuntimeProcess {
        var launch = launch
        launch.workingDirectory = workDirectory
        guard let sandbox, let profile else {
            return try RuntimeProcess.start(launch, log: log, workGuard: workGuard, onLine: onLine)
        }
        let seccomp = try SeccompFilter.descriptor()
        defer { close(seccomp) }
        let joins = try cgroup?.openJoins() ?? []
        defer { for fd in joins { close(fd) } }
        launch.passedDescriptor = seccomp
        launch.cgroupJoins = joins
        if let cgroupNote { log.note("sandbox: no cgroup (\(cgroupNote)); the per-process limits hold") }
        return try RuntimeProcess.start(sandbox.wrap(launch, profile: profile, etc: etc, memoryCgroup: cgroup != nil), log: log, workGuard: workGuard,
                                        cgroup: cgroup, onLine: onLine)
    }

    /// Gives the uid back, removes the cgroup and unmounts `S/work` (its tmpfs; the scratch
    /// directory's removal unmounts it too); once the runtime has ended.
    public func release() async {
        await cgroup?.remove()
        if sandbox != nil {
            ScratchDirectory.unmountWork(of: directory)
            // Left empty when S was removed while its work directory was still mounted.
            _ = rmdir(workDirectory)
            _ = rmdir(directory)
        }
        lease?.release()
    }

    /// `S/work` as a tmpfs of `bytes` owned by `owner` (0700, nosuid, nodev): the scratch size
    /// limit. The gateway (root) mounts it on the host before bwrap binds it, so a solve's input
    /// and output stay readable from the host path until the scratch directory is removed.
    static func mountWork(_ path: String, bytes: UInt64, owner: UInt32) throws {
        let options = "size=\(bytes),mode=0700,uid=\(owner),gid=\(owner)"
        guard mount("tmpfs", path, "tmpfs", UInt(MS_NOSUID | MS_NODEV), options) == 0 else {
            throw SessionError.spawnFailed("mounting a \(bytes)-byte tmpfs at \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A directory of `S`, 0700, owned by `owner` (root when nil). An existing one (a directory
    /// a runtime planted would not be there: S is root's) is refused.
    static func makeDirectory(_ path: String, owner: UInt32?) throws {
        guard mkdir(path, 0o700) == 0 else { throw SessionError.spawnFailed("mkdir \(path): \(String(cString: strerror(errno)))") }
        if let owner, chown(path, owner, owner) != 0 {
            throw SessionError.spawnFailed("chown \(path): \(String(cString: strerror(errno)))")
        }
    }
}
