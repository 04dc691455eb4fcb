import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server's X25519 app key, public half: what a publisher's tool seals apps to. File:
/// `{"kind":"atrium-app-public-key","id":…,"name":…,"publicKey":base64}`.
public struct AppPublicKey: KeyFileRepresentable {
    public static let fileMode: mode_t = 0o644

    /// `x25519-` + 16 lowercase hex characters of SHA-256 of the raw public key.
    public let id: String
    public let name: String
    public let key: Curve25519.KeyAgreement.PublicKey

    public init(name: String, key: Curve25519.KeyAgreement.PublicKey) {
        self.id = Self.id(for: key)
        self.name = name
        self.key = key
    }

    public static func id(for key: Curve25519.KeyAgreement.PublicKey) -> String {
        KeyFile.keyId(prefix: "x25519-", rawPublicKey: key.rawRepresentation)
    }

    public var rawRepresentation: Data { key.rawRepresentation }

    // MARK: key file

    /// Parses a public key file, checking its kind and that its id matches its key.
    public init(fileJSON bytes: [UInt8]) throws {
        let file = try KeyFile.decode(bytes, expectedKind: KeyFile.appPublic)
        guard let raw = file.publicKey, let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: raw) else {
            throw KeyError.malformedKeyFile("publicKey is missing or not a 32-byte X25519 key")
        }
        self.init(name: file.name, key: key)
        guard file.id == id else { throw KeyError.idMismatch(stated: file.id, derived: id) }
    }

    public func fileJSON() throws -> [UInt8] {
        try KeyFile(kind: KeyFile.appPublic, id: id, name: name, privateKey: nil, publicKey: rawRepresentation).encoded()
    }
}
