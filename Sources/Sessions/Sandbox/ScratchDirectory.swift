import Foundation
import Store
#if canImport(Glibc)
import Glibc
#endif

/// Removes a session's or job's scratch directory `S` without ever following a symbolic link a
/// runtime left in it: every level is opened with O_NOFOLLOW | O_DIRECTORY relative to its
/// parent's descriptor, and entries are unlinked relative to it, so a link is removed, never
/// its target.
public enum ScratchDirectory {
    public static func remove(_ path: String) {
        unmountWork(of: path)
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let parentFD = open(parent.isEmpty ? "/" : parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parentFD >= 0 else { return }
        defer { close(parentFD) }
        removeEntry(name, in: parentFD, depth: 0)
    }

    /// Detaches the sandbox's tmpfs at `S/work`, if one is mounted there (never through a link:
    /// S is root's, and UMOUNT_NOFOLLOW holds anyway); nothing when none is.
    static func unmountWork(of path: String) {
        _ = umount2(path + "/work", Int32(MNT_DETACH) | Int32(UMOUNT_NOFOLLOW))
    }

    private static func removeEntry(_ name: String, in parent: Int32, depth: Int) {
        if unlinkat(parent, name, 0) == 0 { return }
        guard errno == EISDIR, depth < 256 else { return }
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        if let dir = fdopendir(fd) {
            var names: [String] = []
            while let entry = readdir(dir) {
                let entryName = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if entryName != ".", entryName != ".." { names.append(entryName) }
            }
            for entry in names { removeEntry(entry, in: fd, depth: depth + 1) }
            closedir(dir)  // closes fd
        } else {
            close(fd)
        }
        _ = unlinkat(parent, name, AT_REMOVEDIR)
    }
}

extension BlockingExecutor {
    /// `ScratchDirectory.remove` on the files lane.
    func remove(_ scratch: String) async {
        _ = try? await run(.files) { ScratchDirectory.remove(scratch) }
    }
}
