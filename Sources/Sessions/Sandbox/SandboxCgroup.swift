import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The memory and process-count cgroup of one sandboxed session or job (best effort, see
/// docs/runtime.md "The sandbox"). cgroup v2 when its memory and pids controllers can be given to
/// a child of this process's cgroup; else v1 (`/sys/fs/cgroup/memory` and `/pids`, a child of this
/// process's own cgroup in each); else none, and the rlimits alone hold. The runtime joins it
/// before exec (`ProcessLaunch.cgroupJoins`), so everything it starts is counted in it.
public final class SandboxCgroup: Sendable {
    /// The cgroup directories (one for v2; memory and pids for v1).
    public let directories: [String]
    /// Where the memory controller counts OOM kills: `memory.events` (v2) or `memory.oom_control` (v1).
    let oomFile: String

    private init(directories: [String], oomFile: String) {
        self.directories = directories
        self.oomFile = oomFile
    }

    /// Creates the cgroup `atrium-<name>` with the limits, or nil (with the reason in `why`) when
    /// this machine offers none that this process may create.
    public static func create(name: String, memoryBytes: UInt64, processes: UInt64, why: inout String) -> SandboxCgroup? {
        let own = ownPaths()
        let leaf = "atrium-" + name
        if let path = own["0"], let v2 = createV2(base: "/sys/fs/cgroup" + path, leaf: leaf, memoryBytes: memoryBytes, processes: processes) {
            return v2
        }
        guard let memoryPath = own["memory"], FileManager.default.fileExists(atPath: "/sys/fs/cgroup/memory/cgroup.procs") else {
            why = "no memory cgroup controller is available (neither v2 with memory and pids delegated nor v1)"
            return nil
        }
        let memory = "/sys/fs/cgroup/memory" + memoryPath.trimmingSlash + "/" + leaf
        guard make(memory), write("\(memoryBytes)", to: memory + "/memory.limit_in_bytes") else {
            why = "the v1 memory cgroup \(memory) could not be created: \(String(cString: strerror(errno)))"
            _ = rmdir(memory)
            return nil
        }
        var directories = [memory]
        if let pidsPath = own["pids"], FileManager.default.fileExists(atPath: "/sys/fs/cgroup/pids/cgroup.procs") {
            let pids = "/sys/fs/cgroup/pids" + pidsPath.trimmingSlash + "/" + leaf
            if make(pids), write("\(processes)", to: pids + "/pids.max") {
                directories.append(pids)
            } else {
                _ = rmdir(pids)
            }
        }
        return SandboxCgroup(directories: directories, oomFile: memory + "/memory.oom_control")
    }

    /// `cgroup.procs` of each directory, open for the launch to join; the caller closes them.
    public func openJoins() throws -> [Int32] {
        var fds: [Int32] = []
        for directory in directories {
            let fd = open(directory + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let why = String(cString: strerror(errno))
                for fd in fds { close(fd) }
                throw SessionError.spawnFailed("cannot open \(directory)/cgroup.procs: \(why)")
            }
            fds.append(fd)
        }
        return fds
    }

    /// The memory controller killed a process of this cgroup (at its limit).
    public var memoryLimitHit: Bool {
        guard let text = try? String(contentsOfFile: oomFile, encoding: .utf8) else { return false }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == "oom_kill", let count = Int(parts[1]) { return count > 0 }
        }
        return false
    }

    /// Removes the cgroup once its processes are gone (they are when the runtime was reaped and
    /// its sandbox's PID namespace ended; the kernel may take a moment to let them go).
    public func remove() async {
        for directory in directories.reversed() {
            var tries = 0
            while rmdir(directory) != 0, errno == EBUSY, tries < 100 {
                tries += 1
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// This process's cgroup per controller ("0" for v2), from /proc/self/cgroup.
    static func ownPaths() -> [String: String] {
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return [:] }
        var paths: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[1].isEmpty { paths["0"] = String(parts[2]) }
            for controller in parts[1].split(separator: ",") { paths[String(controller)] = String(parts[2]) }
        }
        return paths
    }

    /// v2: only where this process's cgroup already delegates memory and pids to its children
    /// (a cgroup with processes of its own cannot enable them, so none is enabled here).
    private static func createV2(base: String, leaf: String, memoryBytes: UInt64, processes: UInt64) -> SandboxCgroup? {
        let base = base.trimmingSlash
        guard let subtree = try? String(contentsOfFile: base + "/cgroup.subtree_control", encoding: .utf8) else { return nil }
        let enabled = Set(subtree.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        guard enabled.contains("memory"), enabled.contains("pids") else { return nil }
        let directory = base + "/" + leaf
        guard make(directory), write("\(memoryBytes)", to: directory + "/memory.max"), write("\(processes)", to: directory + "/pids.max")
        else {
            _ = rmdir(directory)
            return nil
        }
        _ = write("0", to: directory + "/memory.swap.max")
        return SandboxCgroup(directories: [directory], oomFile: directory + "/memory.events")
    }

    private static func make(_ directory: String) -> Bool {
        mkdir(directory, 0o755) == 0 || errno == EEXIST
    }

    private static func write(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return text.withCString { Glibc.write(fd, $0, strlen($0)) } == text.utf8.count
    }
}

private extension String {
    /// "/" → "", "/a/b" → "/a/b", "/a/" → "/a".
    var trimmingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
