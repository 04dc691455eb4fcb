import Foundation

/// A signed `LicenseStatement` as it travels (a `.atlic` file) and is stored, in the shape of a
/// `SignedPackageEnvelope`: `{"statement": base64, "keyId": …, "signature": base64}`.
public typealias SignedLicense = SignedStatement<LicenseStatement>

extension SignedStatement where Statement == LicenseStatement {
    /// The file extension of a license file.
    public static var fileExtension: String { "atlic" }

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
