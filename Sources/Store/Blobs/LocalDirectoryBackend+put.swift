import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import CAtriumShims

extension LocalDirectoryBackend {
    /// Streams `source` into `tmp/`, hashing as it goes, fsyncs, then moves the file into place
    /// only if no blob of that name exists yet. On any failure the temp file is removed and
    /// nothing becomes visible under `blobs/`.
    public func put(from source: ByteSource, expected: BlobDigest?, progress: ((Int64) -> Void)?) throws -> BlobInfo {
        let tmpRelative = "tmp/" + Self.temporaryName()
        let tmpPath = path(tmpRelative)
        let fd = try calls.call("create", tmpPath, accept: [ENOENT]) {
            atrium_openat(AT_FDCWD, tmpPath, O_WRONLY | O_CREAT | O_EXCL, OwnerOnly.fileMode)
        }
        if fd == -ENOENT { throw StoreError.notAStore(root) }
        var placed = false
        var open = true
        defer {
            if open { close(fd) }
            // Retried: on SMB an unlink right after close can still see EBUSY.
            if !placed { _ = try? calls.call("unlink", tmpPath, accept: [ENOENT]) { unlink(tmpPath) } }
        }
        let (digest, size) = try streamHashing(source, to: fd, path: tmpPath, progress: progress)
        try calls.call("fsync", tmpPath) { fsync(fd) }
        try calls.call("close", tmpPath) { Glibc.close(fd) }
        open = false
        if let expected, expected != digest {
            throw StoreError.digestMismatch(expected: expected, actual: digest)
        }
        let final = path(digest.relativePath)
        if try statFile(final) == nil {
            try calls.makeDirectories((final as NSString).deletingLastPathComponent)
            if try moveIntoPlace(tmpPath, final) {
                placed = true
                try calls.syncDirectory((final as NSString).deletingLastPathComponent)
            } else {
                touch(digest)
            }
        } else {
            touch(digest)
        }
        let st = try statFile(final)
        return BlobInfo(digest: digest, size: size, modified: st?.modified ?? Date())
    }

    /// Reads, hashes and writes in chunks. Hashing of one chunk overlaps the write of the previous
    /// one on a second thread, so ingest costs about max(hash, write) rather than their sum.
    private func streamHashing(_ source: ByteSource, to fd: Int32, path tmpPath: String, progress: ((Int64) -> Void)?) throws -> (BlobDigest, Int64) {
        var hasher = SHA256()
        var total: Int64 = 0
        let buffers = [UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64),
                       UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)]
        defer { buffers.forEach { $0.deallocate() } }
        let writer = ChunkWriter(calls: calls, fd: fd, path: tmpPath)
        // Whatever happens, no write may still be in flight when the caller closes and unlinks.
        defer { try? writer.finish() }
        var which = 0
        while true {
            let buffer = buffers[which]
            var filled = 0
            // Fill the chunk fully (pipes and sockets return short reads).
            while filled < buffer.count {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if n == 0 { break }
                filled += n
            }
            if filled == 0 { break }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            try writer.waitAndSubmit(chunk)
            hasher.update(bufferPointer: chunk)
            total += Int64(filled)
            progress?(total)
            which ^= 1
            if filled < buffer.count { break }
        }
        try writer.finish()
        return (BlobDigest(hasher.finalize()), total)
    }

    /// Puts the temp file at `final` without ever replacing an existing file. Returns false when
    /// the blob was already there (same name, same bytes: success). Tries, in order:
    /// renameat2(RENAME_NOREPLACE) (atomic, local file systems), link + unlink (atomic where hard
    /// links exist), and last a plain rename after a fresh existence check — the only option
    /// through FUSE/SMB, where the window between check and rename is tolerated because a second
    /// writer of the same name carries the same bytes.
    func moveIntoPlace(_ tmpPath: String, _ final: String) throws -> Bool {
        let noReplace = try calls.call("rename", final, accept: [EEXIST, EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP, EPERM]) {
            atrium_rename_noreplace(AT_FDCWD, tmpPath, AT_FDCWD, final)
        }
        if noReplace == 0 { return true }
        if noReplace == -EEXIST { return false }
        let linked = try calls.call("link", final, accept: [EEXIST, EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EXDEV, EMLINK, EACCES]) {
            link(tmpPath, final)
        }
        if linked == 0 {
            try calls.call("unlink", tmpPath, accept: [ENOENT]) { unlink(tmpPath) }
            return true
        }
        if linked == -EEXIST { return false }
        // Check, rename, and on EBUSY (SMB: the target is now held open by a concurrent writer
        // or reader, so it exists) check again rather than retry a rename over it.
        for attempt in 0..<calls.retry.maxAttempts {
            if try statFile(final) != nil { return false }
            let renamed = try calls.call("rename", final, accept: [EBUSY]) { rename(tmpPath, final) }
            if renamed == 0 { return true }
            calls.pause(attempt)
        }
        throw StoreError.busy(operation: "rename", path: final, attempts: calls.retry.maxAttempts)
    }

    static func temporaryName() -> String {
        var rng = SystemRandomNumberGenerator()
        let a = rng.next() as UInt64, b = rng.next() as UInt64
        return String(a, radix: 16) + String(b, radix: 16) + ".part"
    }
}
