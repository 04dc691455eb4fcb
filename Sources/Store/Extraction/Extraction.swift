#if canImport(Glibc)
import Glibc
#endif
import CArchive

/// One run of `SafeExtractor`: reads entries from libarchive and writes them into a
/// `StagingTree`, enforcing the limits as it goes. Knows nothing of the destination; the caller
/// commits or removes the staging directory.
final class Extraction {
    let reader: ArchiveReader
    let tree: StagingTree
    let limits: ExtractionLimits
    let readOnly: Bool
    let calls: POSIXCalls
    /// Counts so far; `bytes` includes holes of sparse files.
    var report = ExtractionReport()
    /// Regular files extracted so far: the only allowed hard-link targets.
    var regularFiles: Set<EntryPath> = []

    init(reader: ArchiveReader, tree: StagingTree, limits: ExtractionLimits, readOnly: Bool, calls: POSIXCalls) {
        self.reader = reader
        self.tree = tree
        self.limits = limits
        self.readOnly = readOnly
        self.calls = calls
    }

    /// Extracts every entry, reads the source to its end, then sets the final directory modes.
    func run() throws -> ExtractionReport {
        while let entry = try reader.nextEntry() {
            report.entries += 1
            guard report.entries <= limits.maxEntries else { throw ArchiveError.tooManyEntries(limit: limits.maxEntries) }
            try extract(entry)
        }
        try reader.finish()
        try ExtractedTree.setDirectoryModes(tree.rootDescriptor, mode: readOnly ? 0o555 : 0o755, display: tree.rootPath, calls: calls)
        report.directories = tree.directoriesCreated
        return report
    }

    /// Dispatches one entry by type. Hard links are recognised by their link name whatever
    /// type the format reports.
    private func extract(_ entry: OpaquePointer) throws {
        let rawName = try Self.string(archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry), orInvalid: "<unreadable name>")
        let path = try EntryPath.normalize(rawName, limits: limits)
        let type = UInt32(archive_entry_filetype(entry))

        if let hard = archive_entry_hardlink_utf8(entry) ?? archive_entry_hardlink(entry) {
            let target = try Self.string(hard, orInvalid: "<unreadable link target>")
            try extractHardLink(path, target: target, entry: entry)
            return
        }
        switch type {
        case ATRIUM_AE_IFDIR:
            try tree.makeDirectory(path)
        case ATRIUM_AE_IFREG:
            try extractFile(path, entry: entry)
        case ATRIUM_AE_IFLNK:
            guard let raw = archive_entry_symlink_utf8(entry) ?? archive_entry_symlink(entry) else {
                throw ArchiveError.linkEscapes(path: path.description, target: "")
            }
            let target = try Self.string(raw, orInvalid: "<unreadable link target>")
            guard !path.isRoot else { throw ArchiveError.invalidName(rawName) }
            try path.checkSymlinkTarget(target, limits: limits)
            try tree.makeSymlink(path, target: target)
            report.links += 1
        default:
            throw ArchiveError.forbiddenType(path: rawName, kind: Self.kind(of: type))
        }
    }

    /// A hard link must name a regular file this archive extracted earlier. Some formats (cpio)
    /// carry the data on the last link of a set: it then replaces the shared file's contents.
    private func extractHardLink(_ path: EntryPath, target: String, entry: OpaquePointer) throws {
        let escape = ArchiveError.linkEscapes(path: path.description, target: target)
        guard !path.isRoot, let existing = try? EntryPath.normalize(target, limits: limits),
              regularFiles.contains(existing) else { throw escape }
        try tree.makeHardLink(path, to: existing)
        regularFiles.insert(path)
        report.links += 1
        try writeLinkedData(path, entry: entry)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?, orInvalid placeholder: String) throws -> String {
        guard let pointer else { throw ArchiveError.invalidName(placeholder) }
        guard let s = String(validatingCString: pointer) else {
            throw ArchiveError.invalidName(String(cString: pointer))
        }
        return s
    }

    private static func kind(of type: UInt32) -> String {
        switch type {
        case ATRIUM_AE_IFCHR: return "character device"
        case ATRIUM_AE_IFBLK: return "block device"
        case ATRIUM_AE_IFIFO: return "FIFO"
        case ATRIUM_AE_IFSOCK: return "socket"
        default: return "file of unknown type 0o\(String(type, radix: 8))"
        }
    }
}
