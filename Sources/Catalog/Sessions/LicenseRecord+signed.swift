import Foundation
import Store

extension LicenseRecord {
    /// The signed license as installed, to verify it again (e.g. after the trust store changed).
    public func signedLicense() throws -> SignedLicense {
        try SignedLicense.decode(Data(envelopeJSON.utf8))
    }
}
