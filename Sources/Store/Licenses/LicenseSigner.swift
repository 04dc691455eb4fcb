import Foundation

/// The licensor side: signs a license statement with a publisher key.
public enum LicenseSigner {
    /// Validates `statement`, encodes it as canonical JSON and signs exactly those bytes.
    public static func sign(_ statement: LicenseStatement, key: PublisherKeyPair) throws -> SignedLicense {
        try SignedLicense(signing: statement, with: key)
    }
}
