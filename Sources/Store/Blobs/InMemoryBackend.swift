import Foundation
import Synchronization

/// A backend in memory: for fast unit tests beside the real ones, never instead of them. It keeps
/// the same contract and passes the same conformance suite.
public final class InMemoryBackend: BlobBackend {
    private let blobs = Mutex<[BlobDigest: (bytes: [UInt8], modified: Date)]>([:])

    public init() {}

    public var location: String { "memory" }

    public func put(from source: ByteSource, expected: BlobDigest?, progress: ((Int64) -> Void)?) throws -> BlobInfo {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            progress?(Int64(bytes.count))
        }
        let digest = BlobDigest.of(bytes)
        if let expected, expected != digest { throw StoreError.digestMismatch(expected: expected, actual: digest) }
        let now = Date()
        let stored = blobs.withLock { table -> Date in
            if let existing = table[digest] {
                table[digest] = (existing.bytes, now)
                return now
            }
            table[digest] = (bytes, now)
            return now
        }
        return BlobInfo(digest: digest, size: Int64(bytes.count), modified: stored)
    }

    public func open(_ digest: BlobDigest) throws -> BlobReader {
        guard let entry = blobs.withLock({ $0[digest] }) else { throw StoreError.notFound(digest) }
        return BlobReader(digest: digest, size: Int64(entry.bytes.count), raw: MemorySource(entry.bytes))
    }

    public func stat(_ digest: BlobDigest) throws -> BlobInfo? {
        blobs.withLock { $0[digest] }.map { BlobInfo(digest: digest, size: Int64($0.bytes.count), modified: $0.modified) }
    }

    public func list() throws -> [BlobInfo] { try scan().blobs }

    public func delete(_ digest: BlobDigest) throws { _ = blobs.withLock { $0.removeValue(forKey: digest) } }

    public func scan() throws -> StoreScan {
        let all = blobs.withLock { $0.map { BlobInfo(digest: $0.key, size: Int64($0.value.bytes.count), modified: $0.value.modified) } }
        return StoreScan(blobs: all.sorted { $0.digest < $1.digest })
    }

    public func quarantine(_ relativePath: String) throws -> String {
        if let name = relativePath.split(separator: "/").last, let digest = BlobDigest(hex: String(name)) {
            try delete(digest)
        }
        return "memory:quarantine/\(relativePath)"
    }

    public func touch(_ digest: BlobDigest) {
        blobs.withLock { if let e = $0[digest] { $0[digest] = (e.bytes, Date()) } }
    }

    public func removeLeftover(_ path: String) throws {}

    /// Test hook: overwrite a stored blob's bytes to simulate corruption.
    public func corrupt(_ digest: BlobDigest, with bytes: [UInt8]) {
        blobs.withLock { $0[digest] = (bytes, Date()) }
    }

    /// Test hook: backdate a blob.
    public func setModified(_ digest: BlobDigest, to date: Date) {
        blobs.withLock { if let e = $0[digest] { $0[digest] = (e.bytes, date) } }
    }
}
