import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A publisher's Ed25519 public key with its id and name, as shipped in a public key file
/// `{"kind":"atrium-publisher-public-key","id":…,"name":…,"publicKey":base64}`.
public struct PublisherPublicKey: KeyFileRepresentable {
    public static let fileMode: mode_t = 0o644

    /// `ed25519-` + 16 lowercase hex characters of SHA-256 of the raw public key.
    public let id: String
    public let name: String
    public let key: Curve25519.Signing.PublicKey

    public init(name: String, key: Curve25519.Signing.PublicKey) {
        self.id = Self.id(for: key)
        self.name = name
        self.key = key
    }

    /// The key id of `key`.
    public static func id(for key: Curve25519.Signing.PublicKey) -> String {
        KeyFile.keyId(prefix: "ed25519-", rawPublicKey: key.rawRepresentation)
    }

    /// The raw 32 key bytes.
    public var rawRepresentation: Data { key.rawRepresentation }

    // MARK: key file

    /// Parses a public key file, checking its kind and that its id matches its key.
    public init(fileJSON bytes: [UInt8]) throws {
        let file = try KeyFile.decode(bytes, expectedKind: KeyFile.publisherPublic)
        guard let raw = file.publicKey, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw KeyError.malformedKeyFile("publicKey is missing or not a 32-byte Ed25519 key")
        }
        self.init(name: file.name, key: key)
        guard file.id == id else { throw KeyError.idMismatch(stated: file.id, derived: id) }
    }

    /// The public key file's bytes.
    public func fileJSON() throws -> [UInt8] {
        try KeyFile(kind: KeyFile.publisherPublic, id: id, name: name, privateKey: nil, publicKey: rawRepresentation).encoded()
    }
}
