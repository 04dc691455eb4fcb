import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The public half of a `KeyPair` with its id and name, as shipped in a public key file
/// `{"kind": Algorithm.publicKind, "id":…, "name":…, "publicKey": base64}`.
public struct NamedPublicKey<Algorithm: KeyAlgorithm>: KeyFileRepresentable {
    public static var fileMode: mode_t { 0o644 }

    /// `Algorithm.idPrefix` + 16 lowercase hex characters of SHA-256 of the raw public key.
    public let id: String
    public let name: String
    public let key: Algorithm.PrivateKey.PublicKey

    public init(name: String, key: Algorithm.PrivateKey.PublicKey) {
        self.id = Self.id(for: key)
        self.name = name
        self.key = key
    }

    /// The key id of `key`.
    public static func id(for key: Algorithm.PrivateKey.PublicKey) -> String {
        KeyFile.keyId(prefix: Algorithm.idPrefix, rawPublicKey: key.rawRepresentation)
    }

    /// The raw 32 key bytes.
    public var rawRepresentation: Data { key.rawRepresentation }

    // MARK: key file

    /// Parses a public key file, checking its kind and that its id matches its key.
    public init(fileJSON bytes: [UInt8]) throws {
        let file = try KeyFile.decode(bytes, expectedKind: Algorithm.publicKind)
        guard let raw = file.publicKey, let key = try? Algorithm.PrivateKey.PublicKey(rawRepresentation: raw) else {
            throw KeyError.malformedKeyFile("publicKey is missing or not a 32-byte \(Algorithm.name) key")
        }
        self.init(name: file.name, key: key)
        guard file.id == id else { throw KeyError.idMismatch(stated: file.id, derived: id) }
    }

    /// The public key file's bytes.
    public func fileJSON() throws -> [UInt8] {
        try KeyFile(kind: Algorithm.publicKind, id: id, name: name, privateKey: nil, publicKey: rawRepresentation).encoded()
    }
}
