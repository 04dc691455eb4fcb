import CArchive

/// A libarchive read handle over a `ByteSource`, with every failure turned into a Swift error:
/// the source's own error when it threw, else `ArchiveError.malformed` with libarchive's text.
///
/// All read filters are enabled, and every format except `raw` (which would accept any input)
/// and `mtree`: a manifest, not an archive — it carries no file data (every file would come out
/// empty), and its reader can be told (`checkfs`) to take data from the local files its
/// entries name (`contents=/etc/shadow`). Refusing it keeps that door shut.
final class ArchiveReader {
    private let archive: OpaquePointer
    let input: ArchiveInput
    private var entryEnded = false

    init(source: ByteSource, bufferSize: Int = 64 << 10) throws {
        guard let handle = archive_read_new() else { throw ArchiveError.malformed("libarchive could not allocate a reader") }
        archive = handle
        input = ArchiveInput(source: source, bufferSize: bufferSize)
        // Only decompressors linked into libarchive: `support_filter_all` would also run external
        // programs (lrzip, lzop, grzip, …) on hostile input. Only formats packages and apps use.
        let filters: [(OpaquePointer) -> Int32] = [
            archive_read_support_filter_gzip, archive_read_support_filter_bzip2, archive_read_support_filter_xz,
            archive_read_support_filter_lzma, archive_read_support_filter_zstd, archive_read_support_filter_lz4,
            archive_read_support_filter_compress,
        ]
        for enable in filters { _ = enable(handle) }
        let formats: [(OpaquePointer) -> Int32] = [
            archive_read_support_format_tar, archive_read_support_format_zip, archive_read_support_format_cpio,
            archive_read_support_format_7zip, archive_read_support_format_empty,
        ]
        for enable in formats { _ = enable(handle) }
        let context = Unmanaged.passUnretained(input).toOpaque()
        let status = archive_read_open(handle, context, nil, { _, context, out in
            guard let context, let out else { return -1 }
            return Unmanaged<ArchiveInput>.fromOpaque(context).takeUnretainedValue().pull(into: out)
        }, nil)
        try check(status)
    }

    deinit { archive_read_free(archive) }

    /// Compressed bytes pulled from the source so far.
    var bytesPulled: Int64 { input.bytesPulled }

    /// The next entry header, or nil at the end of the archive. The pointer is valid until the
    /// next call.
    func nextEntry() throws -> OpaquePointer? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(archive, &entry)
        if let error = input.error { throw error }
        if status == ARCHIVE_EOF { return nil }
        try check(status)
        guard let entry else { throw ArchiveError.malformed("libarchive returned no entry") }
        entryEnded = false
        return entry
    }

    /// The next data block of the current entry and its offset in the file, or nil at the end
    /// of the entry. The bytes are valid until the next call.
    func nextBlock() throws -> (bytes: UnsafeRawBufferPointer, offset: Int64)? {
        if entryEnded { return nil }
        var pointer: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        let status = archive_read_data_block(archive, &pointer, &size, &offset)
        if let error = input.error { throw error }
        if status == ARCHIVE_EOF {
            entryEnded = true
            guard size > 0, let pointer else { return nil }
            return (UnsafeRawBufferPointer(start: pointer, count: size), Int64(offset))
        }
        try check(status)
        guard size > 0, let pointer else { return (UnsafeRawBufferPointer(start: nil, count: 0), Int64(offset)) }
        return (UnsafeRawBufferPointer(start: pointer, count: size), Int64(offset))
    }

    /// Closes libarchive's side, then reads the source to its very end (see `ArchiveInput.drain`).
    func finish() throws {
        let status = archive_read_close(archive)
        if let error = input.error { throw error }
        try check(status)
        try input.drain()
    }

    /// OK and WARN (an entry readable despite a remark, such as a charset) pass; anything else
    /// is the source's error, if it threw, or libarchive's message.
    private func check(_ status: Int32) throws {
        if let error = input.error { throw error }
        guard status != ARCHIVE_OK, status != ARCHIVE_WARN else { return }
        let message = archive_error_string(archive).map { String(cString: $0) } ?? "libarchive error \(status)"
        throw ArchiveError.malformed(message)
    }
}
