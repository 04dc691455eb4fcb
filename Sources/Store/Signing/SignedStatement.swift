import Crypto
import Foundation

/// A signed statement as it travels and is stored: the exact signed bytes, the id of the key that
/// signed them and the Ed25519 signature. Verification checks the signature over `statement` as
/// is and decodes only those bytes; the statement is never re-encoded to be checked.
/// `SignedPackageEnvelope` and `SignedLicense` are this with their statement.
public struct SignedStatement<Statement: SignableStatement>: Hashable, Sendable, Codable {
    /// The canonical JSON of a `Statement`, exactly as signed (base64 in JSON).
    public let statement: Data
    public let keyId: String
    /// The Ed25519 signature over `statement` (base64 in JSON).
    public let signature: Data

    public init(statement: Data, keyId: String, signature: Data) {
        self.statement = statement
        self.keyId = keyId
        self.signature = signature
    }

    /// Validates `statement`, encodes it as canonical JSON and signs exactly those bytes with `key`.
    public init(signing statement: Statement, with key: PublisherKeyPair) throws {
        try statement.validate()
        let bytes = Data(try statement.canonicalJSON())
        self.init(statement: bytes, keyId: key.id, signature: try key.sign(bytes))
    }

    /// Largest signed statement accepted anywhere (package file header, stored blob, license file).
    public static var sizeLimit: Int { 64 << 10 }

    /// Canonical JSON (sorted keys): the bytes of a file or a stored blob, so the same signed
    /// statement always has the same digest.
    public func canonicalJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// True when `signature` is an Ed25519 signature (64 bytes) by `key` over exactly `statement`.
    public func isSigned(by key: TrustedKey) -> Bool {
        signature.count == 64 && key.signingKey.isValidSignature(signature, for: statement)
    }
}
