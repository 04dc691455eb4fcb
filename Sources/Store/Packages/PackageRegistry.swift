/// Maps name@version to the digest of the one signed envelope that owns it. Write-once: a
/// registered name@version never changes, which is what refuses rollback and mix-and-match
/// (a second, different package under an existing name+version).
///
/// `DirectoryPackageRegistry` keeps one file per package; the catalog implements the same
/// protocol in its database.
public protocol PackageRegistry: Sendable {
    /// The envelope digest registered for name@version, or nil.
    func lookup(name: String, version: String) throws -> BlobDigest?
    /// Registers name@version → `envelope`. The same digest again is success (idempotent);
    /// another digest throws `PackageError.conflictingPackage`.
    func register(name: String, version: String, envelope: BlobDigest) throws
}
