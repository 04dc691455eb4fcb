import Foundation

/// A signed `PackageStatement`: the header of a package file and the envelope blob a stored
/// package keeps (`{"statement": base64, "keyId": …, "signature": base64}`).
public typealias SignedPackageEnvelope = SignedStatement<PackageStatement>

extension SignedStatement where Statement == PackageStatement {
    /// Decodes envelope JSON; anything malformed is `PackageError.malformedContainer`.
    public static func decode(_ bytes: some DataProtocol) throws -> SignedPackageEnvelope {
        do {
            return try JSONDecoder().decode(SignedPackageEnvelope.self, from: Data(bytes))
        } catch {
            throw PackageError.malformedContainer("envelope is not valid JSON of the expected shape (\(error))")
        }
    }
}
