import Foundation

/// A signed statement as it travels and is stored: the exact signed bytes, the id of the key
/// that signed them and the signature. Verification checks the signature over `statement` as is
/// and decodes only those bytes; the statement is never re-encoded to be checked.
public struct SignedPackageEnvelope: Hashable, Sendable, Codable {
    /// The canonical JSON of a `PackageStatement`, exactly as signed (base64 in JSON).
    public let statement: Data
    public let keyId: String
    /// The Ed25519 signature over `statement` (base64 in JSON).
    public let signature: Data

    public init(statement: Data, keyId: String, signature: Data) {
        self.statement = statement
        self.keyId = keyId
        self.signature = signature
    }

    /// Largest envelope accepted anywhere (package file header, stored blob).
    public static let sizeLimit = 64 << 10

    /// Canonical JSON (sorted keys): the bytes stored as the envelope blob, so the same envelope
    /// always has the same digest.
    public func canonicalJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Decodes envelope JSON; anything malformed is `PackageError.malformedContainer`.
    public static func decode(_ bytes: some DataProtocol) throws -> SignedPackageEnvelope {
        do {
            return try JSONDecoder().decode(SignedPackageEnvelope.self, from: Data(bytes))
        } catch {
            throw PackageError.malformedContainer("envelope is not valid JSON of the expected shape (\(error))")
        }
    }
}
