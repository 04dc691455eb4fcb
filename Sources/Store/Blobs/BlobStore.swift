import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The content-addressed store: the one entry point the rest of Atrium uses. It adds to a
/// backend the conveniences callers need (put a file, read small objects whole, restore to a file
/// without ever exposing unverified bytes) and, for directory stores, the `STORE` marker.
public final class BlobStore: Sendable {
    public let backend: any BlobBackend
    public let marker: StoreMarker?

    public init(backend: any BlobBackend, marker: StoreMarker? = nil) {
        self.backend = backend
        self.marker = marker
    }

    /// Creates a new store in `root` (which may exist but must not already be a store).
    @discardableResult
    public static func initialize(at root: String, retry: RetryPolicy = .default, faults: FaultInjector = .none) throws -> BlobStore {
        let calls = POSIXCalls(retry: retry, faults: faults)
        try calls.makeDirectories(root)
        let markerPath = root + "/STORE"
        if access(markerPath, F_OK) == 0 { throw StoreError.alreadyAStore(root) }
        for dir in ["blobs/sha256", "tmp", "quarantine"] { try calls.makeDirectories(root + "/" + dir) }
        let marker = StoreMarker()
        // Write the marker to tmp/ and move it in without replacing: two racing inits leave one marker.
        let backend = LocalDirectoryBackend(root: root, retry: retry, faults: faults)
        let tmp = root + "/tmp/" + LocalDirectoryBackend.temporaryName()
        let sink = try FileSink(creating: tmp, mode: OwnerOnly.fileMode)
        try sink.write(Array(marker.text.utf8))
        try sink.sync()
        try sink.close()
        guard try backend.moveIntoPlace(tmp, markerPath) else {
            unlink(tmp)
            throw StoreError.alreadyAStore(root)
        }
        try calls.syncDirectory(root)
        return BlobStore(backend: backend, marker: marker)
    }

    /// Opens an existing directory store, checking its `STORE` marker.
    public static func open(at root: String, retry: RetryPolicy = .default, faults: FaultInjector = .none) throws -> BlobStore {
        let markerPath = root + "/STORE"
        guard let data = FileManager.default.contents(atPath: markerPath) else { throw StoreError.notAStore(root) }
        let marker = try StoreMarker(parsing: String(decoding: data, as: UTF8.self))
        return BlobStore(backend: LocalDirectoryBackend(root: root, retry: retry, faults: faults), marker: marker)
    }

    // MARK: writing

    @discardableResult
    public func put(from source: ByteSource, expected: BlobDigest? = nil, progress: ((Int64) -> Void)? = nil) throws -> BlobInfo {
        try backend.put(from: source, expected: expected, progress: progress)
    }

    @discardableResult
    public func put(_ bytes: [UInt8], expected: BlobDigest? = nil) throws -> BlobInfo {
        try backend.put(from: MemorySource(bytes), expected: expected, progress: nil)
    }

    @discardableResult
    public func putFile(at path: String, expected: BlobDigest? = nil, progress: ((Int64) -> Void)? = nil) throws -> BlobInfo {
        try backend.put(from: try FileSource(path: path), expected: expected, progress: progress)
    }

    // MARK: reading

    public func open(_ digest: BlobDigest) throws -> BlobReader { try backend.open(digest) }

    /// Reads a small blob whole, verified.
    public func read(_ digest: BlobDigest, limit: Int = 64 << 20) throws -> [UInt8] {
        try backend.open(digest).readAll(limit: limit)
    }

    public func stat(_ digest: BlobDigest) throws -> BlobInfo? { try backend.stat(digest) }
    public func contains(_ digest: BlobDigest) throws -> Bool { try backend.stat(digest) != nil }
    public func list() throws -> [BlobInfo] { try backend.list() }
    public func delete(_ digest: BlobDigest) throws { try backend.delete(digest) }

    /// Copies a blob to `path` through a temp file beside it; the file appears only after the
    /// digest checked out, so a corrupt blob never leaves wrong bytes at `path`.
    public func copy(_ digest: BlobDigest, toFile path: String, progress: ((Int64) -> Void)? = nil) throws {
        let reader = try backend.open(digest)
        try Self.writeVerified(reader, toFile: path, progress: progress)
    }

    /// Streams `source` to `path` via `path.partial-XXXX`, renaming only after the source ended
    /// without error (a `BlobReader` throws at its end when the digest is wrong). The output is
    /// the user's copy, not store data, so it is not fsynced (as with `cp` or `zstd -d`).
    public static func writeVerified(_ source: ByteSource, toFile path: String, mode: mode_t = 0o644, progress: ((Int64) -> Void)? = nil) throws {
        let tmp = path + ".partial-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let sink = try FileSink(creating: tmp, mode: mode)
        do {
            try source.copy(to: sink, progress: progress)
            try sink.close()
        } catch {
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw StoreError.io(operation: "rename", path: path, errno: e)
        }
    }
}
