import Foundation

/// A signed license as it travels (a `.atlic` file) and is stored: the exact signed statement
/// bytes, the id of the key that signed them and the Ed25519 signature — the shape of
/// `SignedPackageEnvelope`. Verification checks the signature over `statement` as is and
/// decodes only those bytes; the statement is never re-encoded to be checked.
public struct SignedLicense: Hashable, Sendable, Codable {
    /// The canonical JSON of a `LicenseStatement`, exactly as signed (base64 in JSON).
    public let statement: Data
    public let keyId: String
    /// The Ed25519 signature over `statement` (base64 in JSON).
    public let signature: Data

    public init(statement: Data, keyId: String, signature: Data) {
        self.statement = statement
        self.keyId = keyId
        self.signature = signature
    }

    /// Largest license file accepted anywhere.
    public static let sizeLimit = 64 << 10

    /// The file extension of a license file.
    public static let fileExtension = "atlic"

    /// Canonical JSON (sorted keys): the file's bytes, and what the catalog stores.
    public func canonicalJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// Decodes license file bytes: `tooLarge` past `sizeLimit`, `malformed` for anything else wrong.
    public static func decode(_ bytes: some DataProtocol) throws -> SignedLicense {
        guard bytes.count <= sizeLimit else { throw LicenseError.tooLarge(limit: sizeLimit) }
        do {
            return try JSONDecoder().decode(SignedLicense.self, from: Data(bytes))
        } catch {
            throw LicenseError.malformed("not a signed license file (\(error))")
        }
    }

    /// Reads and decodes a license file, refusing one over `sizeLimit` without reading it all.
    public static func load(fromFile path: String) throws -> SignedLicense {
        let source = try FileSource(path: path)
        let bytes: [UInt8]
        do {
            bytes = try source.readAll(limit: sizeLimit)
        } catch StoreError.tooLarge {
            throw LicenseError.tooLarge(limit: sizeLimit)
        }
        return try decode(bytes)
    }

    /// The statement, decoded WITHOUT checking the signature (for display only).
    public func unverifiedStatement() throws -> LicenseStatement {
        try LicenseStatement.decode(statement)
    }
}
