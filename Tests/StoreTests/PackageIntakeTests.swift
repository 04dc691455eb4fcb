import Foundation
import Testing
@testable import Store

/// `PackageIntake` is the registry-free half of ingest the gateway uses: it must verify before
/// storing, store both blobs, and register nothing.
@Suite struct PackageIntakeTests {
    let now = CryptoFixtures.now
    let archive = CryptoFixtures.bytes(50_000, seed: 3)

    @Test func storesBothBlobsAndRegistersNothing() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let backend = InMemoryBackend()
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        var seen: (PackageStatement, BlobDigest)?
        let stored = try PackageIntake.verifyAndStore(packageFile: MemorySource(file), blobs: BlobStore(backend: backend),
                                                      trust: trust, now: now) { seen = ($0, $1) }
        #expect(seen?.0 == stored.statement && seen?.1 == stored.envelopeDigest)
        #expect(try backend.list().map(\.digest).sorted() == [stored.archiveDigest, stored.envelopeDigest].sorted())
    }

    @Test func refusalBeforeStoringKeepsTheStoreEmpty() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let backend = InMemoryBackend()
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        #expect(throws: PackageError.conflictingPackage(name: "solver", version: "1.0.0")) {
            try PackageIntake.verifyAndStore(packageFile: MemorySource(file), blobs: BlobStore(backend: backend), trust: trust, now: now) {
                statement, _ in throw PackageError.conflictingPackage(name: statement.name, version: statement.version)
            }
        }
        #expect(try backend.list().isEmpty)
        #expect(throws: PackageError.unknownKey(key.id)) {
            try PackageIntake.verifyAndStore(packageFile: MemorySource(file), blobs: BlobStore(backend: backend), trust: TrustStore(), now: now)
        }
        #expect(try backend.list().isEmpty)
    }
}
