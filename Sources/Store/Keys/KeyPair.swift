import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A named private key of `Algorithm`. Its file
/// `{"kind": Algorithm.privateKind, "id":…, "name":…, "privateKey": base64}` stays with its owner.
public struct KeyPair<Algorithm: KeyAlgorithm>: KeyFileRepresentable {
    public static var fileMode: mode_t { 0o600 }

    public let name: String
    public let privateKey: Algorithm.PrivateKey
    /// Same as `publicKey.id`.
    public let id: String

    public init(name: String, privateKey: Algorithm.PrivateKey) {
        self.name = name
        self.privateKey = privateKey
        self.id = NamedPublicKey<Algorithm>.id(for: privateKey.publicKey)
    }

    /// A fresh random key pair.
    public static func generate(name: String) -> KeyPair {
        KeyPair(name: name, privateKey: Algorithm.PrivateKey())
    }

    public var publicKey: NamedPublicKey<Algorithm> { NamedPublicKey(name: name, key: privateKey.publicKey) }

    // MARK: key file

    /// Parses a private key file, checking its kind and that its id matches its key.
    public init(fileJSON bytes: [UInt8]) throws {
        let file = try KeyFile.decode(bytes, expectedKind: Algorithm.privateKind)
        guard let raw = file.privateKey, let key = try? Algorithm.PrivateKey(rawRepresentation: raw) else {
            throw KeyError.malformedKeyFile("privateKey is missing or not a 32-byte \(Algorithm.name) key")
        }
        self.init(name: file.name, privateKey: key)
        guard file.id == id else { throw KeyError.idMismatch(stated: file.id, derived: id) }
    }

    /// The private key file's bytes. Secret: write them only with `write(toFile:)` (mode 0600).
    public func fileJSON() throws -> [UInt8] {
        try KeyFile(kind: Algorithm.privateKind, id: id, name: name,
                    privateKey: privateKey.rawRepresentation, publicKey: nil).encoded()
    }
}
