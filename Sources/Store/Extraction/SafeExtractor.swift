#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

/// Extracts an archive (any filter and format libarchive reads, except `raw` and `mtree`) into
/// a new directory, refusing anything that could write outside it or exhaust the machine
/// (DESIGN §2, archives). The archive is extracted into a private staging directory next to
/// the destination, which is renamed into place only once everything succeeded — including
/// reading the source to its very end, so that a `BlobReader` has verified its digest. On any
/// failure the staging directory is removed and the destination never appears.
///
/// Entries are written with plain system calls relative to directory descriptors (not
/// `archive_write_disk`): names must be relative, UTF-8, free of `..`; files are created with
/// `O_EXCL | O_NOFOLLOW` (nothing is overwritten); symbolic links must stay inside the tree;
/// hard links may only name a regular file extracted earlier; devices, FIFOs and sockets are
/// refused. Ownership, timestamps and special mode bits are not restored: files become 0644
/// (0755 if the archive marks them executable) and directories 0755.
///
/// The source is a stream, so zip is read from its local headers: modes and symbolic links,
/// which zip records only in the central directory, are not seen (links arrive as files
/// holding their target path, nothing is executable). Prefer tar for runtime packages.
public struct SafeExtractor: Sendable {
    public var limits: ExtractionLimits
    /// Leave files 0444 (0555 if executable) and directories 0555, for shared package trees.
    /// Remove such trees with `ExtractedTree.remove(at:)`.
    public var readOnly: Bool
    let calls: POSIXCalls

    public init(limits: ExtractionLimits = .default, readOnly: Bool = false, retry: RetryPolicy = .default) {
        self.limits = limits
        self.readOnly = readOnly
        self.calls = POSIXCalls(retry: retry, faults: .none)
    }

    /// Extracts `source` into `destination`, which must not exist (its parent must). Reads
    /// `source` to its end. Throws `ArchiveError` for a refused or unreadable archive, the
    /// source's own error if it threw (e.g. `StoreError.integrity`), or `StoreError.io`.
    public func extract(from source: ByteSource, into destination: String) throws -> ExtractionReport {
        var target = destination
        while target.count > 1, target.hasSuffix("/") { target.removeLast() }
        guard !target.isEmpty else { throw StoreError.invalidArgument("empty extraction destination") }
        if try exists(target) { throw ArchiveError.destinationExists(target) }

        let staging = try makeStagingDirectory(for: target)
        var committed = false
        defer { if !committed { try? ExtractedTree.remove(at: staging) } }
        let report: ExtractionReport
        do {
            let tree = try StagingTree(rootPath: staging, calls: calls)
            let reader = try ArchiveReader(source: source)
            report = try Extraction(reader: reader, tree: tree, limits: limits, readOnly: readOnly, calls: calls).run()
        }
        try commit(staging, to: target)
        committed = true
        return report
    }

    /// Creates `<parent>/.<name>.extract-XXXXXX` with mode 0700 (mkdtemp).
    private func makeStagingDirectory(for target: String) throws -> String {
        let slash = target.lastIndex(of: "/")
        let parent = slash.map { String(target[...$0]) } ?? ""
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var template = Array((parent + "." + String(name.prefix(64)) + ".extract-XXXXXX").utf8CString)
        let made = mkdtemp(&template)
        guard made != nil else {
            throw StoreError.io(operation: "mkdtemp", path: parent.isEmpty ? "." : parent, errno: errno)
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Renames the finished staging directory to `target` without ever replacing anything:
    /// renameat2(RENAME_NOREPLACE), else (file systems without it) a fresh check and rename(2).
    private func commit(_ staging: String, to target: String) throws {
        let r = try calls.call("rename", target, accept: [EEXIST, ENOTEMPTY, EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP]) {
            atrium_rename_noreplace(AT_FDCWD, staging, AT_FDCWD, target)
        }
        if r == 0 { return }
        if r == -EEXIST || r == -ENOTEMPTY { throw ArchiveError.destinationExists(target) }
        if try exists(target) { throw ArchiveError.destinationExists(target) }
        try calls.call("rename", target) { rename(staging, target) }
    }

    private func exists(_ path: String) throws -> Bool {
        var st = stat()
        let r = try calls.call("stat", path, accept: [ENOENT]) { lstat(path, &st) }
        return r == 0
    }
}
