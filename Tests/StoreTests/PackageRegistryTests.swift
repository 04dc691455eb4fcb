import Foundation
import Testing
@testable import Store

@Suite struct PackageRegistryTests {
    let a = BlobDigest.of(Array("a".utf8))
    let b = BlobDigest.of(Array("b".utf8))

    @Test func directoryRegistryIsWriteOnce() throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = DirectoryPackageRegistry(root: dir + "/registry")
        #expect(try registry.lookup(name: "solver", version: "1.0.0") == nil)
        try registry.register(name: "solver", version: "1.0.0", envelope: a)
        try registry.register(name: "solver", version: "1.0.0", envelope: a)
        #expect(throws: PackageError.conflictingPackage(name: "solver", version: "1.0.0")) {
            try registry.register(name: "solver", version: "1.0.0", envelope: b)
        }
        try registry.register(name: "solver", version: "1.0.1", envelope: b)
        #expect(try registry.lookup(name: "solver", version: "1.0.0") == a)
        #expect(try registry.lookup(name: "solver", version: "1.0.1") == b)
        // One record per package and no temp files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/registry").sorted() == ["solver@1.0.0", "solver@1.0.1"])
    }

    @Test func directoryRegistryRefusesInvalidNames() throws {
        let registry = DirectoryPackageRegistry(root: "/nonexistent")
        for bad in ["../etc", "Solver", "a/b", ""] {
            #expect(throws: PackageError.invalidName(bad)) { try registry.register(name: bad, version: "1", envelope: a) }
            #expect(throws: PackageError.invalidName(bad)) { try registry.lookup(name: "x", version: bad) }
        }
    }

    /// Without rename-noreplace (FUSE/SMB) the record goes in by link(); without hard links too,
    /// by exclusive create. Both stay write-once.
    @Test(arguments: [["rename"], ["rename", "link"]])
    func fallbacksAreWriteOnce(unsupported: [String]) throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let faults = FaultInjector { operation, path in
            unsupported.contains(operation) && path.hasSuffix("@1") ? (operation == "rename" ? EINVAL : EPERM) : nil
        }
        let registry = DirectoryPackageRegistry(root: dir, faults: faults)
        try registry.register(name: "solver", version: "1", envelope: a)
        try registry.register(name: "solver", version: "1", envelope: a)
        #expect(throws: PackageError.conflictingPackage(name: "solver", version: "1")) {
            try registry.register(name: "solver", version: "1", envelope: b)
        }
        #expect(try registry.lookup(name: "solver", version: "1") == a)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["solver@1"])
    }

    @Test func damagedRecordIsAbsentForLookupButBlocksRegister() throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = DirectoryPackageRegistry(root: dir)
        _ = FileManager.default.createFile(atPath: dir + "/solver@1.0.0", contents: Data("ab".utf8))
        #expect(try registry.lookup(name: "solver", version: "1.0.0") == nil)
        #expect(throws: PackageError.damagedRegistryRecord(dir + "/solver@1.0.0")) {
            try registry.register(name: "solver", version: "1.0.0", envelope: a)
        }
    }

    @Test func concurrentRegistrationsAgreeOnOneWinner() async throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = DirectoryPackageRegistry(root: dir)
        let digests = (0..<16).map { BlobDigest.of([UInt8($0)]) }
        let winners = await withTaskGroup(of: BlobDigest?.self) { group in
            for d in digests {
                group.addTask { (try? registry.register(name: "race", version: "1", envelope: d)) != nil ? d : nil }
            }
            return await group.reduce(into: [BlobDigest]()) { if let d = $1 { $0.append(d) } }
        }
        #expect(winners.count == 1)
        #expect(try registry.lookup(name: "race", version: "1") == winners.first)
    }

    @Test func inMemoryRegistryIsWriteOnce() throws {
        let registry = InMemoryPackageRegistry()
        try registry.register(name: "solver", version: "1", envelope: a)
        try registry.register(name: "solver", version: "1", envelope: a)
        #expect(throws: PackageError.conflictingPackage(name: "solver", version: "1")) {
            try registry.register(name: "solver", version: "1", envelope: b)
        }
        #expect(try registry.lookup(name: "solver", version: "1") == a)
    }
}
