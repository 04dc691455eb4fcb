import Foundation
import Store

/// A registered runtime package: name@version is write-once and owned by one signed envelope.
public struct PackageRecord: Sendable, Hashable {
    public let name: String
    public let version: String
    public let platform: String
    /// The signed envelope blob (what name@version points at).
    public let envelopeDigest: BlobDigest
    /// The archive blob the envelope's statement names.
    public let archiveDigest: BlobDigest
    public let size: Int64
    public let uploadedBy: String
    public let uploadedAt: Date
}
