import Foundation

/// One version in a `CaseManifest`.
public struct CaseVersion: Codable, Sendable, Equatable {
    /// 1-based, in the order versions were saved.
    public var number: Int
    public var created: Date
    /// Uncompressed size in bytes.
    public var size: Int64
    /// SHA-256 of the uncompressed content; every restore checks it.
    public var contentSHA256: BlobDigest
    /// The stored piece (a zstd frame), a blob in the store.
    public var blob: BlobDigest
    public var encoding: CaseEncoding
    /// For `.delta`: the version whose content is the reference prefix (always a later one).
    public var base: Int?
    /// Size of `blob` in bytes.
    public var storedSize: Int64
    /// For `.full`: why this version is full.
    public var fullReason: CaseFullReason?

    public init(number: Int, created: Date, size: Int64, contentSHA256: BlobDigest, blob: BlobDigest,
                encoding: CaseEncoding, base: Int? = nil, storedSize: Int64, fullReason: CaseFullReason? = nil) {
        self.number = number
        self.created = created
        self.size = size
        self.contentSHA256 = contentSHA256
        self.blob = blob
        self.encoding = encoding
        self.base = base
        self.storedSize = storedSize
        self.fullReason = fullReason
    }
}
