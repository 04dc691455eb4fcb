import Foundation
import Testing
@testable import Store

/// A writer (`atrium store put`, a real process) killed with SIGKILL at random moments over many
/// rounds: afterwards fsck finds no bad blob and no stray, and every put that reported success
/// reads back intact. Killed writes may leave temp files, which gc removes.
@Suite(.serialized) struct CrashTests {
    @Test(arguments: BackendKind.onDisk)
    func killedWritersNeverCorruptTheStore(kind: BackendKind) throws {
        let f = try kind.makeStore()
        defer { f.cleanup() }
        let root = try #require(f.root)
        let work = try TestPaths.freshDirectory("crash")
        defer { TestPaths.remove(work) }
        var generator = SystemRandomNumberGenerator()
        var completed: [BlobDigest: [UInt8]] = [:]
        var killed = 0
        let rounds = kind == .smb ? 12 : 30
        for round in 0..<rounds {
            let bytes = TestData.bytes(Int.random(in: 1...(6 << 20), using: &generator), seed: UInt64(round + 1000))
            let input = work + "/input-\(round)"
            try Data(bytes).write(to: URL(fileURLWithPath: input))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestPaths.atriumBinary)
            process.arguments = ["store", "put", "--store", root, input]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...120_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if process.terminationReason == .exit && process.terminationStatus == 0 {
                let digest = try BlobDigest(parsing: printed.trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(digest == BlobDigest.of(bytes))
                completed[digest] = bytes
            } else {
                killed += 1
            }
        }
        let report = try StoreChecker(store: f.store).run()
        #expect(report.bad.isEmpty, "fsck found bad blobs after crashes: \(report.bad)")
        #expect(report.strays.isEmpty)
        for (digest, bytes) in completed {
            #expect(try f.store.read(digest, limit: 8 << 20) == bytes)
        }
        // Every blob present is complete (a killed writer never leaves a partial blob visible).
        for info in try f.store.list() {
            #expect(throws: Never.self) { try f.store.open(info.digest).drain() }
        }
        let gc = try GarbageCollector(store: f.store, grace: 0).run(reachable: Set(completed.keys), now: Date().addingTimeInterval(1))
        #expect(gc.removedTemporaries.count == report.temporaries.count)
        #expect(try f.store.backend.scan().temporaries.isEmpty)
        #expect(killed > 0, "no writer was killed: the test proved nothing")
    }
}
