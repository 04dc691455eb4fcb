import Foundation

/// The last step before a save is recorded in the catalog (which makes its blobs reachable).
extension CaseStore {
    /// Refreshes the time of every blob the saved manifest names and checks that each is still
    /// in the store. Until the catalog records the new head, only the gc's grace period protects
    /// a save's blobs; a save slower than the grace period may have lost one to a gc run. It then
    /// fails here (`missingBlob`, nothing recorded; saving again writes it anew) instead of
    /// recording a head that cannot be restored, and a save that passes has a whole grace period
    /// to be recorded.
    public func prepareToRecord(_ result: CaseSaveResult) throws {
        for digest in [result.manifestDigest] + result.manifest.versions.map(\.blob) {
            blobs.backend.touch(digest)
            guard try blobs.stat(digest) != nil else {
                throw CaseError.missingBlob(digest, "collected while the save ran longer than the gc grace period; save again")
            }
        }
    }
}
