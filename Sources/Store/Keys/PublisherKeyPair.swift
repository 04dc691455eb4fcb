import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A publisher's Ed25519 signing key. Its private key file
/// `{"kind":"atrium-publisher-private-key","id":…,"name":…,"privateKey":base64}` stays with the
/// publisher; the public half goes into the server's trust store.
public struct PublisherKeyPair: KeyFileRepresentable {
    public static let fileMode: mode_t = 0o600

    public let name: String
    public let privateKey: Curve25519.Signing.PrivateKey
    /// Same as `publicKey.id`.
    public let id: String

    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) {
        self.name = name
        self.privateKey = privateKey
        self.id = PublisherPublicKey.id(for: privateKey.publicKey)
    }

    /// A fresh random key pair.
    public static func generate(name: String) -> PublisherKeyPair {
        PublisherKeyPair(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    public var publicKey: PublisherPublicKey { PublisherPublicKey(name: name, key: privateKey.publicKey) }

    /// Ed25519 signature (64 bytes) over `bytes`.
    public func sign(_ bytes: some DataProtocol) throws -> Data {
        try privateKey.signature(for: bytes)
    }

    // MARK: key file

    /// Parses a private key file, checking its kind and that its id matches its key.
    public init(fileJSON bytes: [UInt8]) throws {
        let file = try KeyFile.decode(bytes, expectedKind: KeyFile.publisherPrivate)
        guard let raw = file.privateKey, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw KeyError.malformedKeyFile("privateKey is missing or not a 32-byte Ed25519 key")
        }
        self.init(name: file.name, privateKey: key)
        guard file.id == id else { throw KeyError.idMismatch(stated: file.id, derived: id) }
    }

    /// The private key file's bytes. Secret: write them only with `write(toFile:)` (mode 0600).
    public func fileJSON() throws -> [UInt8] {
        try KeyFile(kind: KeyFile.publisherPrivate, id: id, name: name, privateKey: privateKey.rawRepresentation, publicKey: nil).encoded()
    }
}
