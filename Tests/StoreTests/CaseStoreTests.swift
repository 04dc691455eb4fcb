import Foundation
import Testing
@testable import Store

@Suite struct CaseStoreTests {
    /// Saves `count` versions of a generated table, each with ~1 % of rows changed; returns the
    /// contents and the head manifest digest after each save.
    static func saveVersions(_ cases: CaseStore, count: Int, rows: Int = 30_000, fraction: Double = 0.01,
                             name: String = "plan") throws -> (contents: [[UInt8]], heads: [BlobDigest]) {
        var table = GeneratedTable(rows: rows)
        var contents: [[UInt8]] = []
        var heads: [BlobDigest] = []
        for i in 0..<count {
            if i > 0 { table.change(fraction: fraction) }
            let bytes = table.bytes
            let result = try cases.save(from: MemorySource(bytes), name: name, app: "transport", parent: heads.last)
            #expect(result.version.number == i + 1)
            #expect(result.version.size == Int64(bytes.count))
            contents.append(bytes)
            heads.append(result.manifestDigest)
        }
        return (contents, heads)
    }

    static func restored(_ cases: CaseStore, _ head: BlobDigest, _ version: Int? = nil) throws -> [UInt8] {
        let sink = MemorySink()
        try cases.restore(manifest: head, version: version, to: sink)
        return sink.bytes
    }

    @Test func twentyVersionsRestoreExactlyAndStoreNewestFullOthersAsReverseDeltas() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let (contents, heads) = try Self.saveVersions(cases, count: 20)
        let head = heads.last!
        let manifest = try cases.history(manifest: head)
        #expect(manifest.versions.count == 20)
        #expect(manifest.name == "plan" && manifest.app == "transport" && manifest.parent == heads[18])
        for v in manifest.versions.dropLast() {
            #expect(v.encoding == .delta && v.base == v.number + 1)
            #expect(try manifest.chainLength(of: v.number) == 20 - v.number)
        }
        #expect(manifest.newest?.encoding == .full && manifest.newest?.fullReason == .newest)

        for (i, expected) in contents.enumerated() {
            #expect(try Self.restored(cases, head, i + 1) == expected, "version \(i + 1)")
        }
        #expect(try Self.restored(cases, head) == contents.last!)

        // Far smaller than 20 compressed copies: one full frame plus small deltas.
        let full = manifest.newest!.storedSize
        #expect(manifest.storedSize < full * 2)
        #expect(manifest.versions.dropLast().allSatisfy { $0.storedSize < full / 5 })

        // An older head still restores what it knew as newest.
        #expect(try Self.restored(cases, heads[9]) == contents[9])
    }

    @Test func returnedManifestIsTheStoredOne() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let first = try cases.save(from: MemorySource(Array("a,b\n1,2\n".utf8)), name: "n/a", app: "app",
                                   now: Date(timeIntervalSince1970: 1_700_000_000.75))
        let second = try cases.save(from: MemorySource(Array("a,b\n1,3\n".utf8)), name: "n/a", parent: first.manifestDigest)
        for result in [first, second] {
            #expect(try cases.history(manifest: result.manifestDigest) == result.manifest)
            #expect(BlobDigest.of(try result.manifest.encoded()) == result.manifestDigest)
        }
        #expect(first.version.created == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(second.manifest.parent == first.manifestDigest && second.manifest.app == "app")
        #expect(second.stats.inputBytes == 8 && second.stats.storedBytesAdded > 0)
    }

    @Test func largeVersionsRestoreThroughTheReadAheadThread() throws {
        let backend = InMemoryBackend()
        let cases = CaseStore(blobs: BlobStore(backend: backend))
        let (contents, heads) = try Self.saveVersions(cases, count: 3, rows: 120_000)
        #expect(Int64(contents[0].count) > CaseStore.readAheadThreshold)
        for i in 1...3 { #expect(try Self.restored(cases, heads.last!, i) == contents[i - 1]) }
        // A damaged delta is still reported as such when it is decoded on the second thread.
        let victim = try cases.history(manifest: heads.last!).versions[1]
        var bytes = try cases.blobs.read(victim.blob)
        bytes[bytes.count - 5] ^= 0x10
        backend.corrupt(victim.blob, with: bytes)
        let error = #expect(throws: CaseError.self) { try Self.restored(cases, heads.last!, 2) }
        guard case .integrity = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func keyframesBoundChainLength() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()), policy: CasePolicy(maxChainLength: 3))
        let (contents, heads) = try Self.saveVersions(cases, count: 10, rows: 8_000)
        let manifest = try cases.history(manifest: heads.last!)
        let fulls = manifest.versions.filter { $0.encoding == .full }.map(\.number)
        #expect(fulls == [4, 8, 10])
        #expect(manifest.versions[3].fullReason == .chainLength)
        for v in manifest.versions {
            #expect(try manifest.chainLength(of: v.number) <= 3)
            #expect(try Self.restored(cases, heads.last!, v.number) == contents[v.number - 1])
        }
    }

    @Test func memoryBudgetKeepsVersionsFull() throws {
        let rows = 8_000
        let size = Int64(GeneratedTable(rows: rows).bytes.count)
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()), policy: CasePolicy(memoryBudget: size * 2 - 1))
        let (contents, heads) = try Self.saveVersions(cases, count: 3, rows: rows, fraction: 0)
        let manifest = try cases.history(manifest: heads.last!)
        #expect(manifest.versions.map(\.encoding) == [.full, .full, .full])
        #expect(manifest.versions.map(\.fullReason) == [.memoryBudget, .memoryBudget, .newest])
        for i in 1...3 { #expect(try Self.restored(cases, heads.last!, i) == contents[i - 1]) }
    }

    @Test func unrelatedVersionsStayFull() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let first = try cases.save(from: MemorySource(randomBytes(200_000, seed: 1)), name: "noise")
        let second = try cases.save(from: MemorySource(randomBytes(200_000, seed: 2)), name: "noise", parent: first.manifestDigest)
        #expect(second.manifest.versions[0].encoding == .full)
        #expect(second.manifest.versions[0].fullReason == .deltaTooLarge)
        #expect(try Self.restored(cases, second.manifestDigest, 1) == randomBytes(200_000, seed: 1))
    }

    @Test func emptyAndIdenticalVersions() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let a = try cases.save(from: MemorySource([]), name: "empty")
        let b = try cases.save(from: MemorySource([]), name: "empty", parent: a.manifestDigest)
        let table = GeneratedTable(rows: 5_000).bytes
        let c = try cases.save(from: MemorySource(table), name: "empty", parent: b.manifestDigest)
        let d = try cases.save(from: MemorySource(table), name: "empty", parent: c.manifestDigest)
        // A delta of nothing is no smaller than a full frame of nothing: those stay full.
        #expect(d.manifest.versions.map(\.encoding) == [.full, .full, .delta, .full])
        #expect(d.manifest.versions.map(\.fullReason) == [.deltaTooLarge, .deltaTooLarge, nil, .newest])
        #expect(d.manifest.versions[2].storedSize < 100)
        for (i, expected) in [[], [], table, table].enumerated() {
            #expect(try Self.restored(cases, d.manifestDigest, i + 1) == expected)
        }
    }

    @Test func unknownVersionsAreRefused() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let a = try cases.save(from: MemorySource(Array("x".utf8)), name: "one")
        #expect(throws: CaseError.unknownVersion(2, available: 1)) { try cases.restore(manifest: a.manifestDigest, version: 2, to: MemorySink()) }
        #expect(throws: CaseError.unknownVersion(0, available: 1)) { try cases.restore(manifest: a.manifestDigest, version: 0, to: MemorySink()) }
    }

    @Test func directoryStoreSavesFromFilesAndRestoresToFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let scratch = dir.file("scratch")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let store = try BlobStore.initialize(at: dir.file("store"))
        let cases = CaseStore(blobs: store, scratchDirectory: scratch)
        var table = GeneratedTable(rows: 30_000)
        var head: BlobDigest?
        var contents: [[UInt8]] = []
        for i in 0..<4 {
            if i > 0 { table.change(fraction: 0.01) }
            contents.append(table.bytes)
            let path = try dir.write(table.bytes, to: "input\(i).csv")
            head = try cases.save(from: try FileSource(path: path), name: "plan", parent: head).manifestDigest
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        }
        for i in 1...4 {
            let out = dir.file("restored\(i).csv")
            let version = try cases.restore(manifest: head!, version: i, toFile: out)
            #expect(version.number == i)
            #expect(try dir.read("restored\(i).csv") == contents[i - 1])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("store/tmp")).isEmpty)
        #expect(!dir.entries().contains { $0.contains(".partial-") })
        // The store is a plain blob store: the manifest is one of its blobs.
        #expect(try store.contains(head!))
    }
}
