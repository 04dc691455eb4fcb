#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// The private directory an archive is extracted into. Every call works relative to directory
/// descriptors opened from the root with `O_DIRECTORY | O_NOFOLLOW`, one component at a time,
/// and creates with `O_EXCL` / `mkdirat` / `symlinkat` / `linkat`, none of which follow a final
/// symbolic link: a link planted by an earlier entry can never redirect a later write, and
/// nothing is ever replaced.
final class StagingTree {
    let rootPath: String
    private let rootFd: Int32
    private let calls: POSIXCalls
    /// The last parent directory opened, kept because archive entries come grouped by directory.
    private var cached: (path: EntryPath, fd: Int32)?
    /// Directories created so far (the root excluded).
    private(set) var directoriesCreated = 0

    init(rootPath: String, calls: POSIXCalls) throws {
        self.rootPath = rootPath
        self.calls = calls
        rootFd = try calls.call("open", rootPath) {
            atrium_openat(AT_FDCWD, rootPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
        }
    }

    deinit {
        if let cached { close(cached.fd) }
        close(rootFd)
    }

    /// The root's descriptor, for a final walk over the tree.
    var rootDescriptor: Int32 { rootFd }

    /// Creates `path` and any missing parents. An existing directory is fine; an existing
    /// non-directory is `duplicateEntry`.
    func makeDirectory(_ path: EntryPath) throws {
        if path.isRoot { return }
        _ = try directory(path, for: path)
    }

    /// Creates the regular file `path` (mode 0600 until the caller sets the final mode) and
    /// returns its open descriptor, which the caller closes. An existing name is `duplicateEntry`.
    func createFile(_ path: EntryPath) throws -> Int32 {
        let (parent, name) = try parentAndName(path)
        let fd = try calls.call("create", display(path), accept: [EEXIST]) {
            atrium_openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        }
        if fd == -EEXIST { throw ArchiveError.duplicateEntry(path.description) }
        return fd
    }

    /// Opens the existing regular file `path` (one this tree created) for writing, truncated,
    /// after making it writable again: a hard-link entry carrying data rewrites its file.
    func openFileForRewrite(_ path: EntryPath) throws -> Int32 {
        let (parent, name) = try parentAndName(path)
        try calls.call("chmod", display(path)) { fchmodat(parent, name, 0o600, 0) }
        return try calls.call("open", display(path)) {
            atrium_openat(parent, name, O_WRONLY | O_TRUNC | O_NOFOLLOW, 0)
        }
    }

    /// Creates a symbolic link at `path` (the target must have been checked already).
    func makeSymlink(_ path: EntryPath, target: String) throws {
        let (parent, name) = try parentAndName(path)
        let r = try calls.call("symlink", display(path), accept: [EEXIST]) { symlinkat(target, parent, name) }
        if r == -EEXIST { throw ArchiveError.duplicateEntry(path.description) }
    }

    /// Creates a hard link at `path` to the file `existing` (a regular file this tree created).
    func makeHardLink(_ path: EntryPath, to existing: EntryPath) throws {
        guard let existingName = existing.name else { throw ArchiveError.linkEscapes(path: path.description, target: "") }
        let source = try openDirectory(existing.parent, for: existing)
        defer { close(source) }
        let (parent, name) = try parentAndName(path)
        let r = try calls.call("link", display(path), accept: [EEXIST]) { linkat(source, existingName, parent, name, 0) }
        if r == -EEXIST { throw ArchiveError.duplicateEntry(path.description) }
    }

    /// The descriptor of `path`'s parent (owned by the cache) and `path`'s last component.
    private func parentAndName(_ path: EntryPath) throws -> (Int32, String) {
        guard let name = path.name else { throw ArchiveError.invalidName(path.description) }
        return (try directory(path.parent, for: path), name)
    }

    /// The directory `path`, created if missing, through the one-entry cache.
    private func directory(_ path: EntryPath, for entry: EntryPath) throws -> Int32 {
        if path.isRoot { return rootFd }
        if let cached, cached.path == path { return cached.fd }
        let fd = try walk(path, for: entry, create: true)
        if let old = cached { close(old.fd) }
        cached = (path, fd)
        return fd
    }

    /// A fresh descriptor of the existing directory `path` (the caller closes it).
    private func openDirectory(_ path: EntryPath, for entry: EntryPath) throws -> Int32 {
        if path.isRoot { return try calls.call("dup", rootPath) { dup(rootFd) } }
        return try walk(path, for: entry, create: false)
    }

    /// Opens `path` component by component without following links, creating missing
    /// directories (mode 0700) when `create` is set. Returns an owned descriptor.
    private func walk(_ path: EntryPath, for entry: EntryPath, create: Bool) throws -> Int32 {
        var current = rootFd
        var done: [String] = []
        defer { if current != rootFd { close(current) } }
        for component in path.components {
            done.append(component)
            let here = done.joined(separator: "/")
            var next = try open(component, in: current, display: here)
            if next == -ENOENT, create {
                let made = try calls.call("mkdir", display(here), accept: [EEXIST]) { mkdirat(current, component, 0o700) }
                if made == 0 { directoriesCreated += 1 }
                next = try open(component, in: current, display: here)
            }
            if next == -ENOENT { throw ArchiveError.linkEscapes(path: entry.description, target: path.description) }
            if next == -ELOOP || next == -ENOTDIR {
                // A link among the entry's parents would redirect the write; a link or file at
                // the entry's own name is a conflicting second entry.
                if here != entry.description, isSymlink(component, in: current) {
                    throw ArchiveError.linkEscapes(path: entry.description, target: here)
                }
                throw ArchiveError.duplicateEntry(entry.description)
            }
            if current != rootFd { close(current) }
            current = next
        }
        let result = current
        current = rootFd
        return result
    }

    private func open(_ component: String, in dir: Int32, display here: String) throws -> Int32 {
        try calls.call("open", display(here), accept: [ENOENT, ELOOP, ENOTDIR]) {
            atrium_openat(dir, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW, 0)
        }
    }

    private func isSymlink(_ component: String, in dir: Int32) -> Bool {
        var st = stat()
        return fstatat(dir, component, &st, AT_SYMLINK_NOFOLLOW) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    private func display(_ path: EntryPath) -> String { display(path.description) }
    private func display(_ relative: String) -> String { rootPath + "/" + relative }
}
