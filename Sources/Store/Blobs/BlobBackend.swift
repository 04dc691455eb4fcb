import Foundation

/// The storage-backend protocol: small on purpose (put/get/stat/list/delete plus the two
/// maintenance hooks fsck and gc need). One conformance suite runs against every conformance.
///
/// Contract every backend keeps (DESIGN §2):
/// - `put` streams, hashes while writing, and makes the blob visible only complete and durable;
///   a failed or short write leaves nothing visible; "already exists" is success.
/// - `open` returns a reader that verifies the digest and throws `StoreError.integrity` at the end
///   rather than pass wrong bytes off as good ones.
public protocol BlobBackend: Sendable {
    /// Where the blobs live, for messages.
    var location: String { get }

    func put(from source: ByteSource, expected: BlobDigest?, progress: ((Int64) -> Void)?) throws -> BlobInfo
    func open(_ digest: BlobDigest) throws -> BlobReader
    func stat(_ digest: BlobDigest) throws -> BlobInfo?
    func list() throws -> [BlobInfo]
    /// Removes a blob; removing an absent blob is not an error.
    func delete(_ digest: BlobDigest) throws

    /// Everything under the backend, including what does not belong (for fsck and gc).
    func scan() throws -> StoreScan
    /// Moves a file (a bad blob or a stray, by its path relative to the store) out of the way
    /// for fsck --repair; returns where it went.
    func quarantine(_ relativePath: String) throws -> String
    /// Marks an existing blob as just written, so a concurrent gc's grace period protects a
    /// writer that found its blob already present. Best effort.
    func touch(_ digest: BlobDigest)
    /// Removes an abandoned temporary file (gc) or a stray file (fsck --repair).
    func removeLeftover(_ path: String) throws
}
