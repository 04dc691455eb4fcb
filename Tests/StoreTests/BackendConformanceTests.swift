import Foundation
import Testing
@testable import Store

/// The one conformance suite every backend passes: memory, a local directory, and the same
/// directory code on a real Samba share mounted through FUSE.
@Suite(.serialized) struct BackendConformanceTests {
    @Test(arguments: BackendKind.available)
    func roundTripStatListDelete(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let bytes = TestData.bytes(300_000)
        let info = try f.store.put(bytes)
        #expect(info.digest == BlobDigest.of(bytes))
        #expect(info.size == 300_000)
        #expect(try f.store.read(info.digest) == bytes)
        #expect(try f.store.stat(info.digest)?.size == 300_000)
        #expect(try f.store.list().map(\.digest) == [info.digest])
        try f.store.delete(info.digest)
        #expect(try f.store.stat(info.digest) == nil)
        #expect(throws: StoreError.notFound(info.digest)) { try f.store.open(info.digest) }
        try f.store.delete(info.digest)  // deleting an absent blob is not an error
    }

    @Test(arguments: BackendKind.available)
    func emptyAndMultiChunkBlobs(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let empty = try f.store.put([])
        #expect(empty.digest.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try f.store.read(empty.digest) == [])
        let big = TestData.bytes(5 << 20 | 12345, seed: 7)  // several 1 MiB chunks plus a tail
        let info = try f.store.put(from: MemorySource(big))
        #expect(try f.store.read(info.digest, limit: 8 << 20) == big)
    }

    @Test(arguments: BackendKind.available)
    func alreadyExistingIsSuccess(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let bytes = TestData.bytes(1000, seed: 3)
        let a = try f.store.put(bytes)
        let b = try f.store.put(bytes)
        #expect(a.digest == b.digest)
        #expect(try f.store.list().count == 1)
        #expect(try f.store.backend.scan().temporaries.isEmpty)
    }

    @Test(arguments: BackendKind.available)
    func concurrentWritersOfTheSameBlob(kind: BackendKind) async throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let bytes = TestData.bytes(2 << 20, seed: 11)
        let store = f.store
        let digests = try await withThrowingTaskGroup(of: BlobDigest.self) { group in
            for _ in 0..<8 { group.addTask { try store.put(bytes).digest } }
            return try await group.reduce(into: [BlobDigest]()) { $0.append($1) }
        }
        #expect(Set(digests) == [BlobDigest.of(bytes)])
        #expect(try store.read(digests[0], limit: 4 << 20) == bytes)
        let scan = try store.backend.scan()
        #expect(scan.blobs.count == 1)
        #expect(scan.temporaries.isEmpty)
        #expect(scan.strays.isEmpty)
    }

    @Test(arguments: BackendKind.available)
    func failedWriteLeavesNothingVisible(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let bytes = TestData.bytes(3 << 20, seed: 5)
        #expect(throws: FailingSource.Dropped.self) {
            try f.store.put(from: FailingSource(bytes: bytes, failAfter: 1_500_000))
        }
        let scan = try f.store.backend.scan()
        #expect(scan.blobs.isEmpty)
        #expect(scan.temporaries.isEmpty)
        #expect(try f.store.stat(BlobDigest.of(bytes)) == nil)
    }

    @Test(arguments: BackendKind.available)
    func wrongDeclaredDigestIsRejected(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let bytes = TestData.bytes(10_000, seed: 9)
        let wrong = BlobDigest.of([1, 2, 3])
        #expect(throws: StoreError.digestMismatch(expected: wrong, actual: BlobDigest.of(bytes))) {
            try f.store.put(bytes, expected: wrong)
        }
        let scan = try f.store.backend.scan()
        #expect(scan.blobs.isEmpty && scan.temporaries.isEmpty)
    }

    @Test(arguments: BackendKind.available)
    func corruptBlobFailsToReadAndFsckNamesIt(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        var bytes = TestData.bytes(200_000, seed: 13)
        let good = try f.store.put(TestData.bytes(5000, seed: 14))
        let info = try f.store.put(bytes)
        bytes[123_456] ^= 0x01  // one flipped bit on the medium
        try f.corrupt(info.digest, bytes)
        #expect(throws: StoreError.integrity(expected: info.digest, actual: BlobDigest.of(bytes))) {
            try f.store.read(info.digest)
        }
        let report = try StoreChecker(store: f.store).run()
        #expect(report.bad.map(\.digest) == [info.digest])
        #expect(report.checkedBlobs == 2)
        #expect(try f.store.read(good.digest).count == 5000)
        let repaired = try StoreChecker(store: f.store, repair: true).run()
        #expect(repaired.bad.first?.quarantinedTo != nil)
        #expect(try StoreChecker(store: f.store).run().isClean)
        #expect(try f.store.stat(info.digest) == nil)
    }

    @Test(arguments: BackendKind.onDisk)
    func transientBusyAndInterruptsAreRetried(kind: BackendKind) throws {
        let counter = FaultCounter(failures: ["open": 3, "write": 2, "rename": 3, "fsync": 2, "read": 2],
                                   errnos: [EBUSY, EINTR])
        let f = try kind.makeStore(faults: FaultInjector { op, _ in counter.next(op) })
        defer { f.cleanup() }
        let bytes = TestData.bytes(1 << 20, seed: 21)
        let info = try f.store.put(bytes)
        #expect(try f.store.read(info.digest, limit: 2 << 20) == bytes)
        #expect(counter.injected > 5)
    }

    @Test(arguments: BackendKind.onDisk)
    func endlessBusyGivesUpCleanly(kind: BackendKind) throws {
        let f = try kind.makeStore(faults: FaultInjector { op, _ in op == "rename" || op == "link" ? EBUSY : nil })
        defer { f.cleanup() }
        let bytes = TestData.bytes(4096, seed: 22)
        #expect(throws: StoreError.busy(operation: "rename", path: f.root! + "/" + BlobDigest.of(bytes).relativePath, attempts: 8)) {
            try f.store.put(bytes)
        }
        let scan = try f.store.backend.scan()
        #expect(scan.blobs.isEmpty && scan.temporaries.isEmpty)
    }

    @Test(arguments: BackendKind.available)
    func listingWhileWritingShowsOnlyCompleteBlobs(kind: BackendKind) async throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let store = f.store
        let writer = Task.detached {
            for i in 0..<40 { try store.put(TestData.bytes(64 << 10, seed: UInt64(100 + i))) }
        }
        var sawPartial = false
        var listings = 0
        repeat {
            for info in try store.list() {
                guard let bytes = try? store.read(info.digest) else { sawPartial = true; continue }
                if BlobDigest.of(bytes) != info.digest || bytes.count != 64 << 10 { sawPartial = true }
            }
            listings += 1
        } while try store.list().count < 40 && listings < 2_000
        try await writer.value
        #expect(!sawPartial)
        #expect(try store.list().count == 40)
    }

    @Test(arguments: BackendKind.available)
    func gcKeepsRootsAndYoungBlobs(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let referenced = try f.store.put(TestData.bytes(100, seed: 31))
        let manifest = try f.store.put(Array("{\"blob\":\"\(referenced.digest.hex)\"}".utf8))
        let garbage = try f.store.put(TestData.bytes(100, seed: 32))
        let reachable = try RootSet(store: f.store).expand([manifest.digest])
        #expect(reachable == [manifest.digest, referenced.digest])
        let young = try GarbageCollector(store: f.store, grace: 3600).run(reachable: reachable)
        #expect(young.deleted.isEmpty && young.keptYoung == 1)
        let later = Date().addingTimeInterval(7200)
        let dry = try GarbageCollector(store: f.store, grace: 3600, dryRun: true).run(reachable: reachable, now: later)
        #expect(dry.deleted == [garbage.digest])
        #expect(try f.store.contains(garbage.digest))
        let real = try GarbageCollector(store: f.store, grace: 3600).run(reachable: reachable, now: later)
        #expect(real.deleted == [garbage.digest])
        #expect(try f.store.list().map(\.digest).sorted() == [manifest.digest, referenced.digest].sorted())
    }
}
