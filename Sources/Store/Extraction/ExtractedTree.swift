#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// Operations on a whole extracted tree that may be read-only (files 0444/0555, directories
/// 0555): removing it, and setting its directory modes. Both go through `DirectoryWalk`: they
/// never follow symbolic links, so a link inside the tree cannot make them touch anything
/// outside, and they hold one directory descriptor at a time, however deep the tree.
public enum ExtractedTree {
    /// Removes `path` and everything below it, first making directories writable as needed.
    /// A missing `path` is success. A symbolic link at `path` is removed, not followed.
    public static func remove(at path: String) throws {
        let calls = POSIXCalls(retry: .default, faults: .none)
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        let (parentPath, name) = split(trimmed)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw StoreError.invalidArgument("refusing to remove \(path)")
        }
        let parent = try calls.call("open", parentPath, accept: [ENOENT]) {
            atrium_openat(AT_FDCWD, parentPath, O_RDONLY | O_DIRECTORY, 0)
        }
        if parent == -ENOENT { return }
        defer { close(parent) }

        let unlinked = try calls.call("unlink", trimmed, accept: [ENOENT, EISDIR, EPERM]) { unlinkat(parent, name, 0) }
        if unlinked == 0 || unlinked == -ENOENT { return }
        let fd = try calls.call("open", trimmed, accept: [ENOENT]) {
            atrium_openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
        }
        if fd == -ENOENT { return }
        do {
            defer { close(fd) }
            let walk = DirectoryWalk(calls: calls)
            try walk.run(from: fd, display: trimmed, enter: { dir, display in
                try calls.call("chmod", display) { fchmod(dir, 0o700) }
                var subdirectories: [DirectoryWalk.Name] = []
                for child in try walk.names(in: dir, display: display) {
                    let r = try calls.call("unlink", display + "/" + DirectoryWalk.printable(child), accept: [ENOENT, EISDIR, EPERM]) {
                        unlinkat(dir, child, 0)
                    }
                    if r == -EISDIR || r == -EPERM { subdirectories.append(child) }
                }
                return subdirectories
            }, leave: { parent, child, display in
                try calls.call("rmdir", display, accept: [ENOENT]) { unlinkat(parent, child, AT_REMOVEDIR) }
            })
        }
        try calls.call("rmdir", trimmed, accept: [ENOENT]) { unlinkat(parent, name, AT_REMOVEDIR) }
    }

    /// Sets `mode` on the directory `fd` and on every directory below it.
    static func setDirectoryModes(_ fd: Int32, mode: mode_t, display: String, calls: POSIXCalls) throws {
        let walk = DirectoryWalk(calls: calls)
        try walk.run(from: fd, display: display, enter: { dir, display in
            var subdirectories: [DirectoryWalk.Name] = []
            for child in try walk.names(in: dir, display: display) {
                var st = stat()
                if fstatat(dir, child, &st, AT_SYMLINK_NOFOLLOW) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                    subdirectories.append(child)
                }
            }
            try calls.call("chmod", display) { fchmod(dir, mode) }
            return subdirectories
        }, leave: { _, _, _ in })
    }

    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = String(path[..<slash])
        return (parent.isEmpty ? "/" : parent, String(path[path.index(after: slash)...]))
    }
}
