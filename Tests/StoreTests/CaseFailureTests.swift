import Foundation
import Testing
@testable import Store

@Suite struct CaseFailureTests {
    func isIntegrity(_ error: any Error) -> Bool {
        if case CaseError.integrity = error { return true }
        return false
    }

    @Test func corruptDeltaFailsThatVersionOnly() throws {
        let backend = InMemoryBackend()
        let cases = CaseStore(blobs: BlobStore(backend: backend))
        let (contents, heads) = try CaseStoreTests.saveVersions(cases, count: 5, rows: 8_000)
        let head = heads.last!
        let manifest = try cases.history(manifest: head)
        let victim = manifest.versions[2]  // version 3, a delta on 4
        #expect(victim.encoding == .delta)
        var bytes = try cases.blobs.read(victim.blob)
        bytes[bytes.count / 2] ^= 0xFF
        backend.corrupt(victim.blob, with: bytes)

        let error = #expect(throws: CaseError.self) { try cases.restore(manifest: head, version: 3, to: MemorySink()) }
        #expect(error.map(isIntegrity) == true, "\(String(describing: error))")
        // Versions 1 and 2 rest on version 3: they fail too. 4 and 5 do not.
        #expect(throws: CaseError.self) { try cases.restore(manifest: head, version: 1, to: MemorySink()) }
        #expect(try CaseStoreTests.restored(cases, head) == contents[4])
        #expect(try CaseStoreTests.restored(cases, head, 4) == contents[3])

        // Restoring to a file leaves nothing behind.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: CaseError.self) { try cases.restore(manifest: head, version: 3, toFile: dir.file("out")) }
        #expect(dir.entries().isEmpty)
    }

    @Test func garbageDeltaBytesAreReportedAsIntegrity() throws {
        let backend = InMemoryBackend()
        let cases = CaseStore(blobs: BlobStore(backend: backend))
        let (_, heads) = try CaseStoreTests.saveVersions(cases, count: 2, rows: 4_000)
        let victim = try cases.history(manifest: heads[1]).versions[0]
        backend.corrupt(victim.blob, with: Array("garbage".utf8))
        let error = #expect(throws: CaseError.self) { try cases.restore(manifest: heads[1], version: 1, to: MemorySink()) }
        #expect(error.map(isIntegrity) == true, "\(String(describing: error))")
    }

    @Test func garbageManifestIsMalformed() throws {
        let store = BlobStore(backend: InMemoryBackend())
        let cases = CaseStore(blobs: store)
        let garbage = try store.put(Array("this is not a manifest".utf8)).digest
        let error = #expect(throws: CaseError.self) { try cases.history(manifest: garbage) }
        guard case .manifestMalformed = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(throws: CaseError.self) { try cases.restore(manifest: garbage, to: MemorySink()) }
        #expect(throws: CaseError.self) { try cases.save(from: MemorySource([1]), name: "x", parent: garbage) }

        // Well-formed JSON describing an impossible chain is malformed too.
        let good = try cases.save(from: MemorySource(Array("a,b\n".utf8)), name: "x")
        var broken = good.manifest
        broken.versions[0].encoding = .delta
        broken.versions[0].base = 1
        let brokenDigest = try store.put(try broken.encoded()).digest
        let chainError = #expect(throws: CaseError.self) { try cases.history(manifest: brokenDigest) }
        guard case .manifestMalformed = chainError else { Issue.record("got \(String(describing: chainError))"); return }
    }

    @Test func missingManifestIsReported() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let absent = BlobDigest.of(Array("nothing".utf8))
        #expect(throws: CaseError.missingBlob(absent, "case manifest")) { try cases.history(manifest: absent) }
    }

    @Test func savingOnACorruptNewestVersionFailsWithoutAManifest() throws {
        let backend = InMemoryBackend()
        let store = BlobStore(backend: backend)
        let cases = CaseStore(blobs: store)
        let (_, heads) = try CaseStoreTests.saveVersions(cases, count: 2, rows: 4_000)
        let newest = try cases.history(manifest: heads[1]).newest!
        var bytes = try store.read(newest.blob)
        bytes[bytes.count / 3] ^= 0x01
        backend.corrupt(newest.blob, with: bytes)

        func manifests() throws -> Set<BlobDigest> {
            Set(try store.list().compactMap { info in
                (try? CaseManifest.decode(try store.read(info.digest))) != nil ? info.digest : nil
            })
        }
        let before = try manifests()
        let error = #expect(throws: CaseError.self) {
            try cases.save(from: MemorySource(GeneratedTable(rows: 4_000, seed: 9).bytes), name: "plan", parent: heads[1])
        }
        #expect(error.map(isIntegrity) == true, "\(String(describing: error))")
        #expect(try manifests() == before)
    }

    @Test func appMismatchAndEmptyNameAreRefused() throws {
        let cases = CaseStore(blobs: BlobStore(backend: InMemoryBackend()))
        let a = try cases.save(from: MemorySource([1, 2, 3]), name: "x", app: "one")
        #expect(throws: CaseError.self) { try cases.save(from: MemorySource([1]), name: "x", app: "two", parent: a.manifestDigest) }
        #expect(throws: CaseError.self) { try cases.save(from: MemorySource([1]), name: "") }
        let b = try cases.save(from: MemorySource([1]), name: "renamed", parent: a.manifestDigest)
        #expect(b.manifest.app == "one" && b.manifest.name == "renamed")
    }
}
