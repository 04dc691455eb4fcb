import Foundation

/// The licensor side: signs a license statement with a publisher key.
public enum LicenseSigner {
    /// Validates `statement`, encodes it as canonical JSON and signs exactly those bytes.
    public static func sign(_ statement: LicenseStatement, key: PublisherKeyPair) throws -> SignedLicense {
        try statement.validate()
        let bytes = Data(try statement.canonicalJSON())
        return SignedLicense(statement: bytes, keyId: key.id, signature: try key.sign(bytes))
    }
}
