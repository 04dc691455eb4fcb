import Foundation
import Testing
@testable import Store

/// Cases, packages and the package registry on every backend, the SMB share included: they only
/// use the blob store API and plain files, and this proves it end to end on the real share.
@Suite(.serialized) struct ObjectsOnEveryBackendTests {
    @Test(arguments: BackendKind.available)
    func caseVersionsRoundTrip(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let cases = CaseStore(blobs: f.store)
        var table = GeneratedTable(rows: 20_000, seed: 5)
        var versions: [[UInt8]] = []
        var head: BlobDigest?
        for _ in 0..<4 {
            versions.append(table.bytes)
            head = try cases.save(from: MemorySource(table.bytes), name: "plan", parent: head).manifestDigest
            table.change(fraction: 0.01)
        }
        let manifest = try cases.manifest(try #require(head))
        #expect(manifest.versions.map(\.encoding) == [.delta, .delta, .delta, .full])
        for (i, expected) in versions.enumerated() {
            let sink = MemorySink()
            try cases.restore(manifest: try #require(head), version: i + 1, to: sink)
            #expect(sink.bytes == expected)
        }
    }

    @Test(arguments: BackendKind.onDisk)
    func registryIsWriteOnceOnDisk(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let registry = DirectoryPackageRegistry(root: try #require(f.root) + "/refs/packages")
        let a = BlobDigest.of([1]), b = BlobDigest.of([2])
        try registry.register(name: "rt", version: "1.0", envelope: a)
        try registry.register(name: "rt", version: "1.0", envelope: a)
        #expect(throws: PackageError.conflictingPackage(name: "rt", version: "1.0")) {
            try registry.register(name: "rt", version: "1.0", envelope: b)
        }
        #expect(try registry.lookup(name: "rt", version: "1.0") == a)
    }
}
