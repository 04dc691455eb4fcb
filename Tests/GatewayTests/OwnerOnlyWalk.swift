import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A walk of a directory tree (not following symbolic links) that lists every file or directory
/// the group or others may read, write or enter, except what the sandbox opens on purpose
/// (docs: the sandbox contract): an extracted runtime `runtimes/<sha>/…`, a session's or job's
/// unsealed app `sessions|jobs/<id>/app/…`, and the runtimes' API socket `run/api.sock` (0666 in
/// the owner-only `run/`).
struct OwnerOnlyWalk {
    /// Paths relative to the root, with their modes in octal.
    private(set) var violations: [String] = []
    /// Every relative path looked at.
    private(set) var visited: Set<String> = []

    init(root: String) {
        visit(root, relative: "")
    }

    private mutating func visit(_ path: String, relative: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else {
            violations.append("\(relative.isEmpty ? "." : relative): cannot stat (\(String(cString: strerror(errno))))")
            return
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFLNK { return }
        if !relative.isEmpty { visited.insert(relative) }
        if st.st_mode & 0o077 != 0, !Self.openOnPurpose(relative, type: type) {
            violations.append("\(relative.isEmpty ? "." : relative): \(String(st.st_mode & 0o7777, radix: 8))")
        }
        guard type == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() {
            visit(path + "/" + name, relative: relative.isEmpty ? name : relative + "/" + name)
        }
    }

    static func openOnPurpose(_ relative: String, type: mode_t) -> Bool {
        let parts = relative.split(separator: "/")
        if parts.count >= 2, parts[0] == "runtimes" { return true }
        if parts.count >= 3, parts[0] == "sessions" || parts[0] == "jobs", parts[2] == "app" { return true }
        return relative == "run/api.sock" && type == S_IFSOCK
    }

    /// The permission bits of `path`, or nil.
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    /// Runs `command` as user and group 65534 (nobody) with no supplementary groups; its exit status.
    static func asNobody(_ command: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--"] + command
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
