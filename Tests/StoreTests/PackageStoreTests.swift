import Crypto
import Foundation
import Testing
@testable import Store

@Suite struct PackageStoreTests {
    let now = CryptoFixtures.now
    let day = CryptoFixtures.day
    let archive = CryptoFixtures.bytes(200_000, seed: 7)

    func makeStore(_ trust: TrustStore) -> (PackageStore, InMemoryBackend) {
        let backend = InMemoryBackend()
        return (PackageStore(blobs: BlobStore(backend: backend), registry: InMemoryPackageRegistry(), trust: trust), backend)
    }

    @Test func ingestThenVerifiedArchiveRoundTrip() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(trust)
        let (envelope, file) = try CryptoFixtures.package(archive, key: key)
        let stored = try store.ingest(packageFile: MemorySource(file), now: now)
        #expect(stored.statement.name == "solver" && stored.keyId == key.id)
        #expect(stored.archiveDigest == BlobDigest.of(archive))
        #expect(stored.envelopeDigest == BlobDigest.of(try envelope.canonicalJSON()))
        #expect(try backend.list().map(\.digest).sorted() == [stored.archiveDigest, stored.envelopeDigest].sorted())
        #expect(try store.registry.lookup(name: "solver", version: "1.0.0") == stored.envelopeDigest)

        let (statement, reader) = try store.verifiedArchive(name: "solver", version: "1.0.0", now: now + 60)
        #expect(statement == stored.statement)
        #expect(reader.digest == statement.archiveSHA256)
        #expect(try reader.readAll() == archive)
    }

    @Test func samePackageAgainIsIdempotent() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, _) = makeStore(trust)
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        let first = try store.ingest(packageFile: MemorySource(file), now: now)
        let second = try store.ingest(packageFile: MemorySource(file), now: now + 10)
        #expect(first == second)
    }

    @Test func refusesUnknownKeyAndStoresNothing() throws {
        let (key, _) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(TrustStore())
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        #expect(throws: PackageError.unknownKey(key.id)) { try store.ingest(packageFile: MemorySource(file), now: now) }
        #expect(try backend.list().isEmpty)
        #expect(try store.registry.lookup(name: "solver", version: "1.0.0") == nil)
    }

    @Test func refusesRevokedKeyAtIngest() throws {
        let (key, trusted) = try CryptoFixtures.publisher()
        var trust = trusted
        try trust.revoke(key.id, at: now - 1)
        let (store, backend) = makeStore(trust)
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        #expect(throws: PackageError.revokedKey(key.id, at: now - 1)) { try store.ingest(packageFile: MemorySource(file), now: now) }
        #expect(try backend.list().isEmpty)
    }

    @Test func keyRevokedAfterIngestBlocksLaunch() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, _) = makeStore(trust)
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        try store.ingest(packageFile: MemorySource(file), now: now)
        _ = try store.verifiedArchive(name: "solver", version: "1.0.0", now: now + 1)
        try store.updateTrust { try $0.revoke(key.id, at: now + 2) }
        #expect(throws: PackageError.revokedKey(key.id, at: now + 2)) {
            try store.verifiedArchive(name: "solver", version: "1.0.0", now: now + 3)
        }
    }

    @Test func expiredStatementBlocksLaunch() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, _) = makeStore(trust)
        let (_, file) = try CryptoFixtures.package(archive, key: key, expires: now + day)
        try store.ingest(packageFile: MemorySource(file), now: now)
        #expect(throws: PackageError.statementExpired(now + day)) {
            try store.verifiedArchive(name: "solver", version: "1.0.0", now: now + 2 * day)
        }
    }

    @Test func refusesArchiveSwappedAfterSigningAndStoresNothing() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(trust)
        let (envelope, _) = try CryptoFixtures.package(archive, key: key)
        var swapped = archive
        swapped[123_456] ^= 0x40
        let file = try CryptoFixtures.containerBytes(envelope, swapped)
        #expect(throws: PackageError.digestMismatch(expected: BlobDigest.of(archive), actual: BlobDigest.of(swapped))) {
            try store.ingest(packageFile: MemorySource(file), now: now)
        }
        #expect(try backend.list().isEmpty)
        #expect(try store.registry.lookup(name: "solver", version: "1.0.0") == nil)
    }

    @Test func refusesSizeMismatch() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(trust)
        // The statement's digest is right but its size is not.
        let wrong = try PackageStatement(name: "solver", version: "1.0.0", platform: "any", archiveSHA256: BlobDigest.of(archive),
                                         size: Int64(archive.count) - 1, created: now)
        let envelope = try PackageSigner.sign(statement: wrong, key: key)
        #expect(throws: PackageError.sizeMismatch(expected: Int64(archive.count) - 1, actual: Int64(archive.count))) {
            try store.ingest(packageFile: MemorySource(try CryptoFixtures.containerBytes(envelope, archive)), now: now)
        }
        // A truncated archive under a correct statement is refused too.
        let (good, _) = try CryptoFixtures.package(archive, key: key)
        #expect(throws: PackageError.sizeMismatch(expected: Int64(archive.count), actual: 1000)) {
            try store.ingest(packageFile: MemorySource(try CryptoFixtures.containerBytes(good, Array(archive.prefix(1000)))), now: now)
        }
        #expect(try backend.list().isEmpty)
    }

    @Test func refusesSecondPackageWithSameNameAndVersion() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(trust)
        let (_, first) = try CryptoFixtures.package(archive, key: key)
        let stored = try store.ingest(packageFile: MemorySource(first), now: now)
        let other = CryptoFixtures.bytes(5000, seed: 99)
        let (_, second) = try CryptoFixtures.package(other, key: key)
        #expect(throws: PackageError.conflictingPackage(name: "solver", version: "1.0.0")) {
            try store.ingest(packageFile: MemorySource(second), now: now)
        }
        // Re-signing the same archive later is another statement, so also a conflict.
        let (_, resigned) = try CryptoFixtures.package(archive, key: key, created: now + 60)
        #expect(throws: PackageError.conflictingPackage(name: "solver", version: "1.0.0")) {
            try store.ingest(packageFile: MemorySource(resigned), now: now + 60)
        }
        #expect(try store.registry.lookup(name: "solver", version: "1.0.0") == stored.envelopeDigest)
        #expect(try backend.list().count == 2)
        let (_, reader) = try store.verifiedArchive(name: "solver", version: "1.0.0", now: now)
        #expect(try reader.readAll() == archive)
    }

    @Test func refusesMalformedContainerAtIngest() throws {
        let (_, trust) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(trust)
        #expect(throws: PackageError.malformedContainer("bad magic (not \"ATRIUM-PACKAGE 1\\n\")")) {
            try store.ingest(packageFile: MemorySource(Array("hello world, not a package".utf8)), now: now)
        }
        #expect(try backend.list().isEmpty)
    }

    @Test func corruptArchiveBlobFailsAtTheReadersEnd() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let (store, backend) = makeStore(trust)
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        let stored = try store.ingest(packageFile: MemorySource(file), now: now)
        var bad = archive
        bad[0] ^= 1
        backend.corrupt(stored.archiveDigest, with: bad)
        let (_, reader) = try store.verifiedArchive(name: "solver", version: "1.0.0", now: now)
        #expect(throws: StoreError.integrity(expected: stored.archiveDigest, actual: BlobDigest.of(bad))) { try reader.drain() }
    }

    @Test func unknownPackageIsNotRegistered() throws {
        let (store, _) = makeStore(TrustStore())
        #expect(throws: PackageError.notRegistered(name: "nope", version: "1")) { try store.verifiedArchive(name: "nope", version: "1", now: now) }
        #expect(throws: PackageError.invalidName("../x")) { try store.verifiedArchive(name: "../x", version: "1", now: now) }
    }

    @Test func directoryStoreAndRegistryRoundTrip() throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (key, trust) = try CryptoFixtures.publisher()
        let blobs = try BlobStore.initialize(at: dir + "/store")
        let store = PackageStore(blobs: blobs, registry: DirectoryPackageRegistry(root: dir + "/registry"), trust: trust)
        let (_, file) = try CryptoFixtures.package(archive, key: key)
        let path = dir + "/solver.atrium-package"
        _ = FileManager.default.createFile(atPath: path, contents: Data(file))
        let stored = try store.ingest(packageFile: FileSource(path: path), now: now)
        #expect(try store.ingest(packageFile: FileSource(path: path), now: now) == stored)
        #expect(try String(contentsOfFile: dir + "/registry/solver@1.0.0", encoding: .utf8) == stored.envelopeDigest.hex + "\n")

        // A fresh process sees the same package.
        let reopened = PackageStore(blobs: try BlobStore.open(at: dir + "/store"),
                                    registry: DirectoryPackageRegistry(root: dir + "/registry"), trust: trust)
        let (statement, reader) = try reopened.verifiedArchive(name: "solver", version: "1.0.0", now: now)
        #expect(statement == stored.statement)
        #expect(reader.size == Int64(archive.count))
        #expect(try reader.readAll() == archive)

        // Archive swapped: nothing new in the store.
        let before = try blobs.list().count
        var swapped = archive
        swapped[5] ^= 1
        let (envelope2, _) = try CryptoFixtures.package(archive, version: "2.0.0", key: key)
        #expect(throws: PackageError.digestMismatch(expected: BlobDigest.of(archive), actual: BlobDigest.of(swapped))) {
            try store.ingest(packageFile: MemorySource(try CryptoFixtures.containerBytes(envelope2, swapped)), now: now)
        }
        #expect(try blobs.list().count == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/store/tmp").isEmpty)
    }
}
