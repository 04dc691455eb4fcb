import CArchive
@testable import Store

/// Builds test archives in memory with libarchive's write API, so the extraction tests need no
/// fixture files. The writer does not sanitize names: hostile entries go in as given.
final class ArchiveBuilder {
    enum Format { case pax, ustar, gnutar, zip, cpio }
    enum Filter { case none, gzip, bzip2, xz, zstd }

    private let archive: OpaquePointer
    private let output = Output()
    private var closed = false

    /// Collects what libarchive writes.
    private final class Output { var bytes: [UInt8] = [] }

    init(_ format: Format = .pax, _ filter: Filter = .gzip) {
        archive = archive_write_new()!
        switch format {
        case .pax: archive_write_set_format_pax_restricted(archive)
        case .ustar: archive_write_set_format_ustar(archive)
        case .gnutar: archive_write_set_format_gnutar(archive)
        case .zip: archive_write_set_format_zip(archive)
        case .cpio: archive_write_set_format_cpio_newc(archive)
        }
        switch filter {
        case .none: archive_write_add_filter_none(archive)
        case .gzip: archive_write_add_filter_gzip(archive)
        case .bzip2: archive_write_add_filter_bzip2(archive)
        case .xz: archive_write_add_filter_xz(archive)
        case .zstd: archive_write_add_filter_zstd(archive)
        }
        archive_write_set_bytes_in_last_block(archive, 1)
        let status = archive_write_open(archive, Unmanaged.passUnretained(output).toOpaque(), nil, { _, context, buffer, length in
            guard let context, let buffer else { return -1 }
            let output = Unmanaged<Output>.fromOpaque(context).takeUnretainedValue()
            output.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
            return length
        }, nil)
        precondition(status == ARCHIVE_OK, "archive_write_open: \(error)")
    }

    deinit { archive_write_free(archive) }

    private var error: String { archive_error_string(archive).map { String(cString: $0) } ?? "?" }

    /// A regular file with `contents`.
    @discardableResult
    func file(_ path: String, _ contents: String, mode: UInt32 = 0o644) -> Self {
        file(path, Array(contents.utf8), mode: mode)
    }

    @discardableResult
    func file(_ path: String, _ contents: [UInt8], mode: UInt32 = 0o644) -> Self {
        header(path, type: ATRIUM_AE_IFREG, mode: mode, size: Int64(contents.count))
        contents.withUnsafeBytes { write($0) }
        return self
    }

    /// A regular file of `count` zero bytes, written in chunks (for zip bombs).
    @discardableResult
    func zeros(_ path: String, count: Int) -> Self {
        header(path, type: ATRIUM_AE_IFREG, mode: 0o644, size: Int64(count))
        let chunk = [UInt8](repeating: 0, count: 1 << 20)
        var left = count
        while left > 0 {
            let n = min(left, chunk.count)
            chunk.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
        return self
    }

    @discardableResult
    func directory(_ path: String, mode: UInt32 = 0o755) -> Self {
        header(path, type: ATRIUM_AE_IFDIR, mode: mode, size: 0)
    }

    @discardableResult
    func symlink(_ path: String, to target: String) -> Self {
        header(path, type: ATRIUM_AE_IFLNK, mode: 0o777, size: 0) { archive_entry_set_symlink($0, target) }
    }

    @discardableResult
    func hardlink(_ path: String, to target: String) -> Self {
        header(path, type: ATRIUM_AE_IFREG, mode: 0o644, size: 0) { archive_entry_set_hardlink($0, target) }
    }

    /// A sparse file of logical `size` whose only data are `segments` (offset, bytes), in order.
    @discardableResult
    func sparse(_ path: String, size: Int64, segments: [(Int64, [UInt8])]) -> Self {
        header(path, type: ATRIUM_AE_IFREG, mode: 0o644, size: size) { entry in
            for (offset, bytes) in segments { archive_entry_sparse_add_entry(entry, offset, Int64(bytes.count)) }
        }
        // The pax writer takes the whole logical stream and skips the holes itself.
        var logical = [UInt8](repeating: 0, count: Int(size))
        for (offset, bytes) in segments { logical.replaceSubrange(Int(offset)..<(Int(offset) + bytes.count), with: bytes) }
        logical.withUnsafeBytes { write($0) }
        return self
    }

    /// Two names for one file the way cpio writes them: the first without data, the second,
    /// same inode, carrying it (the reader reports the second as a hard link to the first).
    @discardableResult
    func linkedPair(_ first: String, _ second: String, _ contents: String) -> Self {
        let setInode: (OpaquePointer) -> Void = { entry in
            archive_entry_set_ino(entry, 4242)
            archive_entry_set_dev(entry, 7)
            archive_entry_set_nlink(entry, 2)
        }
        header(first, type: ATRIUM_AE_IFREG, mode: 0o644, size: 0, setInode)
        header(second, type: ATRIUM_AE_IFREG, mode: 0o644, size: Int64(contents.utf8.count), setInode)
        Array(contents.utf8).withUnsafeBytes { write($0) }
        return self
    }

    /// A device, FIFO or socket entry (`type` is one of the `ATRIUM_AE_IF*` constants).
    @discardableResult
    func special(_ path: String, type: UInt32) -> Self {
        header(path, type: type, mode: 0o600, size: 0) { archive_entry_set_rdev($0, 0x0103) }
    }

    /// The finished archive.
    func bytes() -> [UInt8] {
        if !closed {
            precondition(archive_write_close(archive) == ARCHIVE_OK, "archive_write_close: \(error)")
            closed = true
        }
        return output.bytes
    }

    @discardableResult
    private func header(_ path: String, type: UInt32, mode: UInt32, size: Int64, _ configure: (OpaquePointer) -> Void = { _ in }) -> Self {
        let entry = archive_entry_new()!
        defer { archive_entry_free(entry) }
        // The multibyte setter: the pax writer crashes on `_utf8` names in the C locale (libarchive 3.6.2).
        archive_entry_set_pathname(entry, path)
        archive_entry_set_filetype(entry, type)
        archive_entry_set_perm(entry, mode_t(mode))
        archive_entry_set_size(entry, size)
        archive_entry_set_mtime(entry, 1_700_000_000, 0)
        configure(entry)
        let status = archive_write_header(archive, entry)
        precondition(status == ARCHIVE_OK || status == ARCHIVE_WARN, "archive_write_header \(path): \(error)")
        return self
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let n = archive_write_data(archive, base + offset, bytes.count - offset)
            precondition(n > 0, "archive_write_data: \(error)")
            offset += n
        }
    }
}
