#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// A `PackageRegistry` with one small file per package, `<root>/<name>@<version>`, holding the
/// envelope digest as hex plus a newline. Safe without locks (which do not reach an SMB server):
///
/// - the record is written whole to `<root>/.tmp-<random>`, fsynced, then made visible under its
///   final name with an operation that fails if the name exists — `renameat2(RENAME_NOREPLACE)`,
///   else `link()` — so a record is either absent or complete, even after a crash;
/// - when the name exists (EEXIST), its content decides: same digest is success, another is a
///   conflict;
/// - only where the file system offers neither (some FUSE/SMB mounts) is the final name created
///   with `O_CREAT|O_EXCL` and written in place. A crash there can leave a damaged record, which
///   `lookup` treats as absent and `register` reports as `damagedRegistryRecord` for an admin.
///
/// Names are checked against the lowercase naming rule, so no name can escape `root` or collide
/// by case. Leftover `.tmp-*` files (from a crash) are ignored.
public final class DirectoryPackageRegistry: PackageRegistry {
    public let root: String
    private let calls: POSIXCalls

    public init(root: String, retry: RetryPolicy = .default, faults: FaultInjector = .none) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.calls = POSIXCalls(retry: retry, faults: faults)
    }

    /// Where the record of name@version lives (after checking the names).
    public func recordPath(name: String, version: String) throws -> String {
        for text in [name, version] where !NameRule.isValid(text) { throw PackageError.invalidName(text) }
        return root + "/" + name + "@" + version
    }

    public func lookup(name: String, version: String) throws -> BlobDigest? {
        switch try readRecord(recordPath(name: name, version: version)) {
        case .absent, .damaged: return nil
        case .digest(let d): return d
        }
    }

    public func register(name: String, version: String, envelope: BlobDigest) throws {
        let final = try recordPath(name: name, version: version)
        if try settle(final, name: name, version: version, envelope: envelope) { return }
        try calls.makeDirectories(root)
        let content = Array((envelope.hex + "\n").utf8)
        let tmp = root + "/.tmp-" + LocalDirectoryBackend.temporaryName()
        defer { unlink(tmp) }
        try FileSink.createFile(at: tmp, contents: content, mode: OwnerOnly.fileMode)

        let renamed = try calls.call("rename", final, accept: [EEXIST, EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP, EPERM]) {
            atrium_rename_noreplace(AT_FDCWD, tmp, AT_FDCWD, final)
        }
        if renamed == 0 { return try calls.syncDirectory(root) }
        if renamed != -EEXIST {
            let linked = try calls.call("link", final, accept: [EEXIST, EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EXDEV, EMLINK, EACCES]) {
                link(tmp, final)
            }
            if linked == 0 { return try calls.syncDirectory(root) }
            if linked != -EEXIST, try createInPlace(final, content) { return try calls.syncDirectory(root) }
        }
        // The name exists: someone registered first (or we did, before a crash).
        guard try settle(final, name: name, version: version, envelope: envelope) else {
            throw PackageError.damagedRegistryRecord(final)
        }
    }

    // MARK: internals

    private enum Record { case absent, damaged, digest(BlobDigest) }

    /// Decides from an existing record: true when it holds `envelope`, throws a conflict when it
    /// holds another digest or `damagedRegistryRecord` when unreadable; false when absent.
    private func settle(_ path: String, name: String, version: String, envelope: BlobDigest) throws -> Bool {
        switch try readRecord(path) {
        case .absent: return false
        case .damaged: throw PackageError.damagedRegistryRecord(path)
        case .digest(let existing):
            guard existing == envelope else { throw PackageError.conflictingPackage(name: name, version: version) }
            return true
        }
    }

    private func readRecord(_ path: String) throws -> Record {
        let fd = try calls.call("open", path, accept: [ENOENT]) { atrium_openat(AT_FDCWD, path, O_RDONLY, 0) }
        if fd == -ENOENT { return .absent }
        let bytes = try FileSource(fd: fd, path: path, retry: calls.retry, faults: calls.faults).readAll(limit: 4096)
        guard bytes.count == 65, bytes.last == UInt8(ascii: "\n"),
              let digest = BlobDigest(hex: String(decoding: bytes.dropLast(), as: UTF8.self)) else { return .damaged }
        return .digest(digest)
    }

    /// Fallback without rename-noreplace or hard links: exclusive create, write, fsync.
    /// False when the name already exists.
    private func createInPlace(_ path: String, _ content: [UInt8]) throws -> Bool {
        let fd = try calls.call("create", path, accept: [EEXIST]) {
            atrium_openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_EXCL, OwnerOnly.fileMode)
        }
        if fd == -EEXIST { return false }
        let sink = FileSink(fd: fd, path: path, retry: calls.retry, faults: calls.faults)
        try sink.write(content)
        try sink.sync()
        return true
    }
}
