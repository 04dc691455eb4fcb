import Foundation

/// The verify-then-store half of taking a package, without any registry: what the gateway uses
/// (its registry is the async catalog) and what `PackageStore.ingest` builds on.
public enum PackageIntake {
    /// Parses the package container, verifies the envelope against `trust` at `now` before storing
    /// anything, calls `beforeStoring` with the verified statement and envelope digest (a place to
    /// refuse a conflict before streaming a possibly large archive), streams the archive into
    /// `blobs` checking the signed digest and size (on mismatch nothing is stored), then stores the
    /// envelope. Registers nothing: the caller registers name@version → `envelopeDigest`.
    public static func verifyAndStore(
        packageFile: ByteSource, blobs: BlobStore, trust: TrustStore, now: Date = Date(),
        beforeStoring: (PackageStatement, BlobDigest) throws -> Void = { _, _ in }
    ) throws -> StoredPackage {
        let (envelope, archive) = try PackageFile.read(from: packageFile)
        let statement = try PackageVerifier.verify(envelope, trust: trust, now: now)
        let envelopeBytes = try envelope.canonicalJSON()
        let envelopeDigest = BlobDigest.of(envelopeBytes)
        try beforeStoring(statement, envelopeDigest)

        let counted = SizeCheckingSource(archive, expected: statement.size)
        let info: BlobInfo
        do {
            info = try blobs.put(from: counted, expected: statement.archiveSHA256)
        } catch StoreError.digestMismatch(let expected, let actual) {
            throw PackageError.digestMismatch(expected: expected, actual: actual)
        }
        guard counted.count == statement.size, info.size == statement.size else {
            throw PackageError.sizeMismatch(expected: statement.size, actual: info.size)
        }
        try blobs.put(envelopeBytes, expected: envelopeDigest)
        return StoredPackage(statement: statement, keyId: envelope.keyId, envelopeDigest: envelopeDigest,
                             archiveDigest: statement.archiveSHA256)
    }
}
