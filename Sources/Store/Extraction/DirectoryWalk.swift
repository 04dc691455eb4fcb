#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// A depth-first walk over a directory tree that holds one directory descriptor at a time,
/// however deep the tree: it descends with `openat(name, O_NOFOLLOW)` and climbs back with
/// `openat("..")`, checking that `..` is the directory it came from (device and inode), so a
/// tree moved or swapped during the walk stops it instead of steering it elsewhere. Symbolic
/// links are never followed.
struct DirectoryWalk {
    let calls: POSIXCalls

    /// A directory name as the file system has it: exact bytes, NUL-terminated.
    typealias Name = [CChar]

    private struct Frame {
        let name: Name
        let display: String
        let identity: [UInt64]
        var pending: [Name]
    }

    /// Walks the tree below the directory `start` (not closed here). `enter` runs on each
    /// directory, `start` included, with its descriptor and returns the names of the
    /// subdirectories to visit; `leave` runs after a subdirectory was walked, with its parent's
    /// descriptor and its name.
    func run(from start: Int32, display: String,
             enter: (_ fd: Int32, _ display: String) throws -> [Name],
             leave: (_ parent: Int32, _ name: Name, _ display: String) throws -> Void) throws {
        var current = try calls.call("dup", display) { dup(start) }
        defer { close(current) }
        var stack = [Frame(name: [0], display: display, identity: try identity(current, display),
                           pending: try enter(current, display))]
        while let top = stack.last {
            if let next = top.pending.last {
                stack[stack.count - 1].pending.removeLast()
                let childDisplay = top.display + "/" + Self.printable(next)
                let child = try calls.call("open", childDisplay, accept: [ENOENT, ENOTDIR, ELOOP]) {
                    atrium_openat(current, next, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
                }
                if child < 0 { continue } // gone, or no longer a directory: nothing to walk
                let frame: Frame
                do {
                    frame = Frame(name: next, display: childDisplay, identity: try identity(child, childDisplay),
                                  pending: try enter(child, childDisplay))
                } catch {
                    close(child)
                    throw error
                }
                close(current)
                current = child
                stack.append(frame)
            } else {
                stack.removeLast()
                guard let parent = stack.last else { return }
                let up = try calls.call("open", top.display + "/..") {
                    atrium_openat(current, "..", O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
                }
                close(current)
                current = up
                guard try identity(up, parent.display) == parent.identity else {
                    throw StoreError.io(operation: "walk (directory moved)", path: top.display, errno: ESTALE)
                }
                try leave(current, top.name, top.display)
            }
        }
    }

    /// The names in directory `fd`, without `.` and `..`.
    func names(in fd: Int32, display: String) throws -> [Name] {
        let own = try calls.call("dup", display) { dup(fd) }
        guard let dir = fdopendir(own) else {
            let err = errno
            close(own)
            throw StoreError.io(operation: "opendir", path: display, errno: err)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var result: [Name] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw StoreError.io(operation: "readdir", path: display, errno: errno) }
                return result
            }
            let name: Name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let chars = raw.bindMemory(to: CChar.self)
                let length = chars.firstIndex(of: 0) ?? chars.count
                return Array(chars[0..<length]) + [0]
            }
            if name == [46, 0] || name == [46, 46, 0] { continue }
            result.append(name)
        }
    }

    /// A name for messages (invalid UTF-8 shown as U+FFFD).
    static func printable(_ name: Name) -> String {
        String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func identity(_ fd: Int32, _ display: String) throws -> [UInt64] {
        var st = stat()
        try calls.call("fstat", display) { fstat(fd, &st) }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }
}
