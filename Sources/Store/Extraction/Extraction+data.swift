#if canImport(Glibc)
import Glibc
#endif
import CArchive

extension Extraction {
    /// Creates a regular file and copies its data, checking the byte and ratio limits before
    /// each block is written. Holes (sparse entries) are counted as bytes.
    func extractFile(_ path: EntryPath, entry: OpaquePointer) throws {
        guard !path.isRoot else { throw ArchiveError.invalidName(".") }
        let declared = Self.declaredSize(entry)
        try checkBytes(adding: max(declared, 0), ratio: false)
        try fill(try tree.createFile(path), path: path, declared: declared, entry: entry)
        regularFiles.insert(path)
        report.files += 1
    }

    /// Writes the data of a hard-link entry, if it has any, into the file it links to.
    func writeLinkedData(_ path: EntryPath, entry: OpaquePointer) throws {
        let declared = Self.declaredSize(entry)
        guard declared > 0 else { return }
        try checkBytes(adding: declared, ratio: false)
        try fill(try tree.openFileForRewrite(path), path: path, declared: declared, entry: entry)
    }

    /// The entry's declared data size, 0 when the archive does not say.
    private static func declaredSize(_ entry: OpaquePointer) -> Int64 {
        archive_entry_size_is_set(entry) != 0 ? Int64(archive_entry_size(entry)) : 0
    }

    /// Copies the entry's data into the open `fd` and finishes the file (which closes it);
    /// `fd` is closed here if copying fails.
    private func fill(_ fd: Int32, path: EntryPath, declared: Int64, entry: OpaquePointer) throws {
        let display = tree.rootPath + "/" + path.description
        do {
            try copyData(to: fd, declared: declared, display: display)
        } catch {
            close(fd)
            throw error
        }
        try finishFile(fd, entry: entry, display: display)
    }

    /// Copies the current entry's data blocks to `fd`, seeking over holes, then extends the file
    /// to its declared size. Every byte (holes included) is accounted before it is written.
    private func copyData(to fd: Int32, declared: Int64, display: String) throws {
        var position: Int64 = 0
        while let block = try reader.nextBlock() {
            let (bytes, offset) = (block.bytes, block.offset)
            guard offset >= position else { throw ArchiveError.malformed("overlapping data blocks in \(display)") }
            try account(offset - position + Int64(bytes.count))
            if offset > position {
                try calls.call("lseek", display) { lseek(fd, off_t(offset), SEEK_SET) }
            }
            if bytes.count > 0 { try calls.writeAll(fd, bytes, path: display) }
            position = offset + Int64(bytes.count)
        }
        if declared > position {
            try account(declared - position)
            try calls.call("truncate", display) { ftruncate(fd, off_t(declared)) }
        }
    }

    /// Sets the final mode (0644/0755, or 0444/0555 read-only; executable if the archive says
    /// so) and closes `fd` in every case, reporting a failed close.
    private func finishFile(_ fd: Int32, entry: OpaquePointer, display: String) throws {
        let executable = archive_entry_perm(entry) & 0o111 != 0
        let mode: mode_t = readOnly ? (executable ? 0o555 : 0o444) : (executable ? 0o755 : 0o644)
        do {
            try calls.call("chmod", display) { fchmod(fd, mode) }
        } catch {
            close(fd)
            throw error
        }
        // No retry: after EINTR the descriptor is already closed on Linux.
        if close(fd) != 0, errno != EINTR { throw StoreError.io(operation: "close", path: display, errno: errno) }
    }

    /// Adds `count` to the bytes written, refusing first if that crosses a limit.
    private func account(_ count: Int64) throws {
        try checkBytes(adding: count, ratio: true)
        report.bytes += count
    }

    private func checkBytes(adding count: Int64, ratio: Bool) throws {
        let (total, overflow) = report.bytes.addingReportingOverflow(count)
        guard !overflow, total <= limits.maxTotalBytes else { throw ArchiveError.tooManyBytes(limit: limits.maxTotalBytes) }
        guard ratio, total > limits.ratioGraceBytes else { return }
        let compressed = Double(max(reader.bytesPulled, 1))
        if Double(total) > limits.maxCompressionRatio * compressed {
            throw ArchiveError.compressionRatio(limit: limits.maxCompressionRatio)
        }
    }
}
