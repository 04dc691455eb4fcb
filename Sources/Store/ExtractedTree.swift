#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// Operations on a whole extracted tree that may be read-only (files 0444/0555, directories
/// 0555): removing it, and setting its directory modes. Both walk with descriptors and never
/// follow symbolic links, so a link inside the tree cannot make them touch anything outside.
/// They hold one descriptor per directory level while they descend.
public enum ExtractedTree {
    /// Removes `path` and everything below it, first making directories writable as needed.
    /// A missing `path` is success. A symbolic link at `path` is removed, not followed.
    public static func remove(at path: String) throws {
        let calls = POSIXCalls(retry: .default, faults: .none)
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard !trimmed.isEmpty, trimmed != "/", trimmed != ".", trimmed != ".." else {
            throw StoreError.invalidArgument("refusing to remove \(path)")
        }
        let (parentPath, name) = split(trimmed)
        let parent = try calls.call("open", parentPath, accept: [ENOENT]) {
            atrium_openat(AT_FDCWD, parentPath, O_RDONLY | O_DIRECTORY, 0)
        }
        if parent == -ENOENT { return }
        defer { close(parent) }
        try removeEntry(Array(name.utf8CString), in: parent, display: trimmed, calls: calls)
    }

    /// Sets `mode` on the directory `fd` and on every directory below it.
    static func setDirectoryModes(_ fd: Int32, mode: mode_t, display: String, calls: POSIXCalls) throws {
        for child in try names(in: fd, display: display, calls: calls) {
            let childDisplay = display + "/" + String(decoding: child.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let sub = try calls.call("open", childDisplay, accept: [ELOOP, ENOTDIR]) {
                atrium_openat(fd, child, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
            }
            if sub < 0 { continue } // a file or a symbolic link
            defer { close(sub) }
            try setDirectoryModes(sub, mode: mode, display: childDisplay, calls: calls)
        }
        try calls.call("chmod", display) { fchmod(fd, mode) }
    }

    /// Unlinks `name` in `parent`; a directory is emptied (after `chmod 0700`) and removed.
    private static func removeEntry(_ name: [CChar], in parent: Int32, display: String, calls: POSIXCalls) throws {
        let unlinked = try calls.call("unlink", display, accept: [ENOENT, EISDIR, EPERM]) {
            unlinkat(parent, name, 0)
        }
        if unlinked == 0 || unlinked == -ENOENT { return }
        let fd = try calls.call("open", display, accept: [ENOENT]) {
            atrium_openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
        }
        if fd == -ENOENT { return }
        do {
            defer { close(fd) }
            try calls.call("chmod", display) { fchmod(fd, 0o700) }
            for child in try names(in: fd, display: display, calls: calls) {
                let childDisplay = display + "/" + String(decoding: child.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
                try removeEntry(child, in: fd, display: childDisplay, calls: calls)
            }
        }
        try calls.call("rmdir", display, accept: [ENOENT]) {
            unlinkat(parent, name, AT_REMOVEDIR)
        }
    }

    /// The names in directory `fd` (NUL-terminated, exact bytes), without `.` and `..`.
    private static func names(in fd: Int32, display: String, calls: POSIXCalls) throws -> [[CChar]] {
        let own = try calls.call("dup", display) { dup(fd) }
        guard let dir = fdopendir(own) else {
            let err = errno
            close(own)
            throw StoreError.io(operation: "opendir", path: display, errno: err)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var result: [[CChar]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw StoreError.io(operation: "readdir", path: display, errno: errno) }
                return result
            }
            let name: [CChar] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let chars = raw.bindMemory(to: CChar.self)
                let length = chars.firstIndex(of: 0) ?? chars.count
                return Array(chars[0..<length]) + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            result.append(name)
        }
    }

    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }
}
