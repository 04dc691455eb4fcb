import Foundation
import Synchronization

/// Signed packages over the blob store (DESIGN §2): verified on upload and again before every
/// launch, stored as two blobs (archive, envelope) and registered write-once as name@version.
///
/// The trust store is held here and can be replaced at any time (`trust`); every check uses the
/// current one, so revoking a key blocks launching what it signed even after upload.
public final class PackageStore: Sendable {
    public let blobs: BlobStore
    public let registry: any PackageRegistry
    private let trustStore: Mutex<TrustStore>

    public init(blobs: BlobStore, registry: any PackageRegistry, trust: TrustStore) {
        self.blobs = blobs
        self.registry = registry
        self.trustStore = Mutex(trust)
    }

    /// The trust store used by every check from now on.
    public var trust: TrustStore {
        get { trustStore.withLock { $0 } }
        set { trustStore.withLock { $0 = newValue } }
    }

    /// Changes the trust store in place (add, revoke) atomically with respect to other changes.
    public func updateTrust(_ change: (inout TrustStore) throws -> Void) rethrows {
        try trustStore.withLock { try change(&$0) }
    }

    /// Takes a package file: parses the container, verifies the envelope against the trust store
    /// before storing anything, streams the archive into the blob store checking the signed digest
    /// and size (on mismatch nothing is stored), stores the envelope and registers name@version.
    /// The same package again is success; another package under a taken name@version is
    /// `conflictingPackage`.
    @discardableResult
    public func ingest(packageFile: ByteSource, now: Date = Date()) throws -> StoredPackage {
        let stored = try PackageIntake.verifyAndStore(packageFile: packageFile, blobs: blobs, trust: trust, now: now) { statement, digest in
            // Refuse a conflict before streaming a possibly large archive (register checks again).
            if let existing = try registry.lookup(name: statement.name, version: statement.version), existing != digest {
                throw PackageError.conflictingPackage(name: statement.name, version: statement.version)
            }
        }
        try registry.register(name: stored.statement.name, version: stored.statement.version, envelope: stored.envelopeDigest)
        return stored
    }

    /// The verified statement of name@version and a reader of its archive, for launching.
    ///
    /// Re-reads the stored envelope, verifies it against the *current* trust store at `now`, and
    /// opens the archive blob named by the verified statement. The reader checks that digest as it
    /// is read and throws at its end on a mismatch: extract into staging and commit only after
    /// the reader reached its end.
    public func verifiedArchive(name: String, version: String, now: Date = Date()) throws -> (PackageStatement, BlobReader) {
        for text in [name, version] where !NameRule.isValid(text) { throw PackageError.invalidName(text) }
        guard let envelopeDigest = try registry.lookup(name: name, version: version) else {
            throw PackageError.notRegistered(name: name, version: version)
        }
        let envelope = try SignedPackageEnvelope.decode(blobs.read(envelopeDigest, limit: SignedPackageEnvelope.sizeLimit))
        let statement = try PackageVerifier.verify(envelope, trust: trust, now: now)
        guard statement.name == name, statement.version == version else {
            throw PackageError.registryMismatch(name: name, version: version, found: statement.name + "@" + statement.version)
        }
        let reader = try blobs.open(statement.archiveSHA256)
        if reader.size >= 0, reader.size != statement.size {
            throw PackageError.sizeMismatch(expected: statement.size, actual: reader.size)
        }
        return (statement, reader)
    }
}
