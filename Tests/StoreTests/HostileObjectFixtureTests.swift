import Foundation
import Testing
@testable import Store

/// The committed hostile packages and sealed apps (fixtures/make-hostile-objects.sh): each is
/// refused with the error that names its attack, and nothing of it is stored or extracted.
@Suite struct HostileObjectFixtureTests {
    static let packages = TestPaths.packageRoot + "/fixtures/packages/"
    static let apps = TestPaths.packageRoot + "/fixtures/apps/"

    func packageStore() throws -> (PackageStore, InMemoryBackend) {
        let backend = InMemoryBackend()
        let trust = try TrustStore.load(fromFile: Self.packages + "trust.json")
        return (PackageStore(blobs: BlobStore(backend: backend), registry: InMemoryPackageRegistry(), trust: trust), backend)
    }

    func ingest(_ name: String, into store: PackageStore) throws {
        try store.ingest(packageFile: try FileSource(path: Self.packages + name))
    }

    @Test func goodPackageIsAcceptedAndExtracts() throws {
        let (store, _) = try packageStore()
        try ingest("good.atpkg", into: store)
        let (statement, reader) = try store.verifiedArchive(name: "rt", version: "1.0.0")
        let dir = try TestPaths.freshDirectory("fixture-pkg")
        defer { try? ExtractedTree.remove(at: dir) }
        _ = try SafeExtractor(readOnly: true).extract(from: reader, into: dir + "/rt")
        #expect(statement.name == "rt")
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/rt/bin/serve"))
    }

    /// Each hostile package and the `PackageError` it must produce; the store stays empty.
    @Test(arguments: [
        ("forged-signature.atpkg", "badSignature"),
        ("tampered-statement.atpkg", "badSignature"),
        ("unknown-key.atpkg", "unknownKey"),
        ("expired-statement.atpkg", "statementExpired"),
        ("swapped-archive.atpkg", "digestMismatch"),
        ("truncated-archive.atpkg", "sizeMismatch"),
        ("oversized-archive.atpkg", "sizeMismatch"),
        ("bad-magic.atpkg", "malformedContainer"),
        ("huge-header.atpkg", "malformedContainer"),
    ])
    func hostilePackageIsRefused(file: String, expected: String) throws {
        let (store, backend) = try packageStore()
        let error = #expect(throws: PackageError.self) { try ingest(file, into: store) }
        #expect(error.map { Self.caseName($0) } == expected, "\(file): \(String(describing: error))")
        #expect(try backend.list().isEmpty, "\(file) left blobs in the store")
    }

    @Test func sameNameAndVersionWithOtherBytesIsRefused() throws {
        let (store, _) = try packageStore()
        try ingest("good.atpkg", into: store)
        #expect(throws: PackageError.conflictingPackage(name: "rt", version: "1.0.0")) {
            try ingest("conflicting-version.atpkg", into: store)
        }
        #expect(try store.verifiedArchive(name: "rt", version: "1.0.0").0.size > 100)
    }

    func open(_ file: String, expecting app: String? = nil) throws -> String {
        let ring = try AppKeyring.load(directory: Self.apps + "keyring")
        let dir = try TestPaths.freshDirectory("fixture-app")
        let (_, plaintext) = try AppOpener.open(sealed: try FileSource(path: Self.apps + file), keyring: ring, expecting: app)
        do {
            _ = try SafeExtractor().extract(from: plaintext, into: dir + "/app")
        } catch {
            #expect(!FileManager.default.fileExists(atPath: dir + "/app"), "\(file) left a partial app")
            TestPaths.remove(dir)
            throw error
        }
        return dir
    }

    @Test func goodAppOpens() throws {
        let dir = try open("good.atapp", expecting: "transport")
        defer { TestPaths.remove(dir) }
        let model = try String(contentsOfFile: dir + "/app/model.mod", encoding: .utf8)
        #expect(model.hasPrefix("param n := 3;"))
    }

    @Test(arguments: [
        ("flipped-chunk.atapp", "chunkAuthenticationFailed"),
        ("reordered-chunks.atapp", "chunkAuthenticationFailed"),
        ("truncated-last-chunk.atapp", "truncated"),
        ("truncated-mid-chunk.atapp", "chunkAuthenticationFailed"),  // a cut chunk fails as damaged
        ("appended-chunk.atapp", "trailingData"),
        ("edited-header.atapp", "chunkAuthenticationFailed"),
        ("wrong-key.atapp", "unknownKey"),
    ])
    func hostileAppIsRefused(file: String, expected: String) throws {
        let error = #expect(throws: AppSealError.self) { _ = try open(file) }
        #expect(error.map { Self.caseName($0) } == expected, "\(file): \(String(describing: error))")
    }

    @Test func editedHeaderIsAlsoCaughtByItsNames() throws {
        let error = #expect(throws: AppSealError.self) { _ = try open("edited-header.atapp", expecting: "transport") }
        guard case .metadataMismatch(let field, _, _) = error else {
            Issue.record("expected metadataMismatch, got \(String(describing: error))")
            return
        }
        #expect(field == "app")
    }

    /// The enum case's name without associated values, e.g. "badSignature".
    static func caseName(_ error: some Error) -> String {
        String(String(describing: Mirror(reflecting: error).children.first?.label ?? "\(error)").prefix { $0 != "(" })
    }
}
