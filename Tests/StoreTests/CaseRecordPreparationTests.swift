import Foundation
import Store
import Testing

/// A save about to be recorded in the catalog refreshes its blobs' times (a whole grace period
/// to record it), and fails in words when a gc took one of them while the save ran too long.
@Suite struct CaseRecordPreparationTests {
    @Test func refreshesEveryBlobOfTheManifestAndRefusesWhenOneWasCollected() throws {
        let backend = InMemoryBackend()
        let cases = CaseStore(blobs: BlobStore(backend: backend))
        let first = try cases.save(from: MemorySource(Array(repeating: UInt8(ascii: "a"), count: 50_000)), name: "plan", app: "transport")
        let second = try cases.save(from: MemorySource(Array(repeating: UInt8(ascii: "b"), count: 50_000)), name: "plan",
                                    parent: first.manifestDigest)
        let named = [second.manifestDigest] + second.manifest.versions.map(\.blob)
        let long = Date(timeIntervalSinceNow: -7 * 86400)
        for digest in named { backend.setModified(digest, to: long) }

        try cases.prepareToRecord(second)
        for digest in named {
            let modified = try #require(try backend.stat(digest)).modified
            #expect(Date().timeIntervalSince(modified) < 3600, "refreshed: \(digest.hex)")
        }
        // A gc with a short grace ran during a slow save and took the new full frame.
        let newest = try #require(second.manifest.newest).blob
        try backend.delete(newest)
        #expect(throws: CaseError.missingBlob(newest, "collected while the save ran longer than the gc grace period; save again")) {
            try cases.prepareToRecord(second)
        }
    }
}
