import Crypto
import Foundation

/// The publisher side: hashes an archive and signs a statement about it.
public enum PackageSigner {
    /// Streams `archive` (hashing and counting, never holding it whole), builds the statement
    /// name@version for `platform`, created `now`, and signs it with `key`.
    public static func sign(archive: ByteSource, name: String, version: String, platform: String,
                            expires: Date?, key: PublisherKeyPair, now: Date = Date()) throws -> SignedPackageEnvelope {
        // Check the names before reading a possibly large archive.
        for text in [name, version, platform] where !NameRule.isValid(text) { throw PackageError.invalidName(text) }
        let (digest, size) = try archive.sha256()
        let statement = try PackageStatement(name: name, version: version, platform: platform,
                                             archiveSHA256: digest, size: size,
                                             created: now, expires: expires)
        return try sign(statement: statement, key: key)
    }

    /// Signs an already built statement: canonical JSON, then Ed25519 over exactly those bytes.
    public static func sign(statement: PackageStatement, key: PublisherKeyPair) throws -> SignedPackageEnvelope {
        try SignedPackageEnvelope(signing: statement, with: key)
    }
}
