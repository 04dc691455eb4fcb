import Crypto
import Foundation

/// A publisher's Ed25519 signing key. Its private key file
/// `{"kind":"atrium-publisher-private-key","id":…,"name":…,"privateKey":base64}` stays with the
/// publisher; the public half goes into the server's trust store.
public typealias PublisherKeyPair = KeyPair<Ed25519Keys>

/// A publisher's Ed25519 public key with its id (`ed25519-…`) and name, as shipped in a public
/// key file `{"kind":"atrium-publisher-public-key","id":…,"name":…,"publicKey":base64}`.
public typealias PublisherPublicKey = NamedPublicKey<Ed25519Keys>

/// Ed25519: publishers sign packages and licenses.
public enum Ed25519Keys: KeyAlgorithm {
    public typealias PrivateKey = Curve25519.Signing.PrivateKey
    public static let name = "Ed25519"
    public static let idPrefix = "ed25519-"
    public static let privateKind = KeyFile.publisherPrivate
    public static let publicKind = KeyFile.publisherPublic
}

extension KeyPair where Algorithm == Ed25519Keys {
    /// Ed25519 signature (64 bytes) over `bytes`.
    public func sign(_ bytes: some DataProtocol) throws -> Data {
        try privateKey.signature(for: bytes)
    }
}
