/// What `PackageStore.ingest` stored: the verified statement and the two blobs behind it.
public struct StoredPackage: Hashable, Sendable {
    public let statement: PackageStatement
    /// The publisher key that signed it.
    public let keyId: String
    /// The envelope blob (what the registry points name@version at).
    public let envelopeDigest: BlobDigest
    /// The archive blob; equal to `statement.archiveSHA256`.
    public let archiveDigest: BlobDigest

    public init(statement: PackageStatement, keyId: String, envelopeDigest: BlobDigest, archiveDigest: BlobDigest) {
        self.statement = statement
        self.keyId = keyId
        self.envelopeDigest = envelopeDigest
        self.archiveDigest = archiveDigest
    }
}
