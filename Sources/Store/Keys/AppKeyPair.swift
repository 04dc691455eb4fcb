import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server's X25519 app key: apps are sealed to its public half and opened with it. The private
/// key file `{"kind":"atrium-app-private-key","id":…,"name":…,"privateKey":base64}` never leaves
/// the server.
public struct AppKeyPair: KeyFileRepresentable {
    public static let fileMode: mode_t = 0o600

    public let name: String
    public let privateKey: Curve25519.KeyAgreement.PrivateKey
    /// Same as `publicKey.id`.
    public let id: String

    public init(name: String, privateKey: Curve25519.KeyAgreement.PrivateKey) {
        self.name = name
        self.privateKey = privateKey
        self.id = AppPublicKey.id(for: privateKey.publicKey)
    }

    /// A fresh random key pair.
    public static func generate(name: String) -> AppKeyPair {
        AppKeyPair(name: name, privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    public var publicKey: AppPublicKey { AppPublicKey(name: name, key: privateKey.publicKey) }

    // MARK: key file

    /// Parses a private key file, checking its kind and that its id matches its key.
    public init(fileJSON bytes: [UInt8]) throws {
        let file = try KeyFile.decode(bytes, expectedKind: KeyFile.appPrivate)
        guard let raw = file.privateKey, let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: raw) else {
            throw KeyError.malformedKeyFile("privateKey is missing or not a 32-byte X25519 key")
        }
        self.init(name: file.name, privateKey: key)
        guard file.id == id else { throw KeyError.idMismatch(stated: file.id, derived: id) }
    }

    /// The private key file's bytes. Secret: write them only with `write(toFile:)` (mode 0600).
    public func fileJSON() throws -> [UInt8] {
        try KeyFile(kind: KeyFile.appPrivate, id: id, name: name, privateKey: privateKey.rawRepresentation, publicKey: nil).encoded()
    }
}
