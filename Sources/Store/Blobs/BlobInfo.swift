import Foundation

/// What the store knows about a blob without reading it.
public struct BlobInfo: Hashable, Sendable, Codable {
    public let digest: BlobDigest
    public let size: Int64
    public let modified: Date

    public init(digest: BlobDigest, size: Int64, modified: Date) {
        self.digest = digest
        self.size = size
        self.modified = modified
    }
}
