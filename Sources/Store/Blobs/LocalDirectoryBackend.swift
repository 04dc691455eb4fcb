import Foundation
#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// Blobs as files under a directory: a local disk, or the same layout on an SMB share mounted
/// through FUSE. Everything it does is chosen to stay correct on SMB (DESIGN §2): temp files in
/// `tmp/`, no rename over an existing file, "already exists" is success, no locks, EBUSY/EINTR
/// retried with bounded backoff, directory fsync errors tolerated, lowercase names only.
public final class LocalDirectoryBackend: BlobBackend {
    public let root: String
    let calls: POSIXCalls
    /// Bytes per read/write while streaming a put.
    let chunkSize: Int

    public var location: String { root }

    public init(root: String, retry: RetryPolicy = .default, faults: FaultInjector = .none, chunkSize: Int = 1 << 20) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.calls = POSIXCalls(retry: retry, faults: faults)
        self.chunkSize = chunkSize
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    public func open(_ digest: BlobDigest) throws -> BlobReader {
        let p = path(digest.relativePath)
        let fd = try calls.call("open", p, accept: [ENOENT]) { atrium_openat(AT_FDCWD, p, O_RDONLY, 0) }
        if fd == -ENOENT { throw StoreError.notFound(digest) }
        let source = FileSource(fd: fd, path: p, retry: calls.retry, faults: calls.faults)
        return BlobReader(digest: digest, size: source.fileSize() ?? -1, raw: source)
    }

    public func stat(_ digest: BlobDigest) throws -> BlobInfo? {
        let p = path(digest.relativePath)
        guard let st = try statFile(p) else { return nil }
        return BlobInfo(digest: digest, size: Int64(st.st_size), modified: st.modified)
    }

    func statFile(_ p: String) throws -> Glibc.stat? {
        var st = Glibc.stat()
        let r = try calls.call("stat", p, accept: [ENOENT, ENOTDIR]) { lstat(p, &st) }
        return r < 0 ? nil : st
    }

    public func delete(_ digest: BlobDigest) throws {
        let p = path(digest.relativePath)
        try calls.call("unlink", p, accept: [ENOENT]) { unlink(p) }
    }

    public func list() throws -> [BlobInfo] { try scan().blobs }

    public func removeLeftover(_ relativePath: String) throws {
        guard !relativePath.split(separator: "/").contains("..") else {
            throw StoreError.invalidArgument("refusing to remove \(relativePath): not inside the store")
        }
        let p = path(relativePath)
        try calls.call("unlink", p, accept: [ENOENT]) { unlink(p) }
    }

    public func quarantine(_ relativePath: String) throws -> String {
        guard !relativePath.split(separator: "/").contains("..") else {
            throw StoreError.invalidArgument("refusing to move \(relativePath): not inside the store")
        }
        try calls.makeDirectories(path("quarantine"))
        let base = relativePath.split(separator: "/").last.map(String.init) ?? "file"
        let target = "quarantine/\(base.lowercased()).\(Int(Date().timeIntervalSince1970)).\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        let from = path(relativePath)
        let to = path(target)
        // The target name is fresh, so a plain rename never replaces anything here.
        try calls.call("rename", from) { rename(from, to) }
        return target
    }
}

extension LocalDirectoryBackend {
    public func touch(_ digest: BlobDigest) {
        // utimensat(NULL) sets both times to now; SMB may refuse, which only weakens gc's margin.
        _ = utimensat(AT_FDCWD, path(digest.relativePath), nil, 0)
    }
}

extension Glibc.stat {
    var modified: Date {
        Date(timeIntervalSince1970: TimeInterval(st_mtim.tv_sec) + TimeInterval(st_mtim.tv_nsec) / 1e9)
    }
}
