import Foundation
import Store
import Synchronization
import Testing
@testable import Catalog

/// bcrypt runs on the executor's credentials lane and SQLite statements on its catalog lane:
/// with every credentials thread occupied, catalog reads and writes still complete, and a
/// log-on waits only for a credentials thread.
@Suite struct CatalogLaneTests {
    /// Calls that hold a credentials thread.
    final class Occupied: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    @Test func bcryptNeverDelaysACatalogRead() async throws {
        let executor = BlockingExecutor(limits: BlockingLimits(credentials: 2))
        let directory = NSTemporaryDirectory() + "atrium-lanes-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try await Catalog.open(.sqlite(path: directory + "/catalog.sqlite", bcryptCost: 4), executor: executor)
        let ana = try await catalog.createUser(name: "ana", displayName: "Ana", password: "correct horse battery", role: .user)

        // Occupy every credentials thread until released.
        let gate = DispatchSemaphore(value: 0)
        let occupied = Occupied()
        let blockers = (0..<2).map { _ in
            Task { try await executor.run(.credentials) { occupied.add(); gate.wait() } }
        }
        var released = false
        defer { if !released { for _ in 0..<2 { gate.signal() } } }
        while occupied.count < 2 { try await Task.sleep(for: .milliseconds(2)) }
        // A log-on now has to wait for a credentials thread…
        let logon = Task { try await catalog.verifyPassword(name: "ana", password: "correct horse battery") }
        while executor.waiting(.credentials) < 1 { try await Task.sleep(for: .milliseconds(2)) }
        // …while the catalog answers reads and writes.
        #expect(try await catalog.user(named: "ana")?.id == ana.id)
        try await catalog.setDisplayName(userId: ana.id, "Ana B.")
        #expect(try await catalog.user(id: ana.id)?.displayName == "Ana B.")
        #expect(executor.waiting(.credentials) == 1)

        for _ in 0..<2 { gate.signal() }
        released = true
        for blocker in blockers { try await blocker.value }
        #expect(try await logon.value?.id == ana.id)
        await catalog.close()
        await executor.shutdown()
    }

    @Test func aCatalogOpenedWithoutAnExecutorMakesAndClosesItsOwn() async throws {
        let directory = NSTemporaryDirectory() + "atrium-lanes-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try await Catalog.open(.sqlite(path: directory + "/catalog.sqlite", bcryptCost: 4))
        _ = try await catalog.createUser(name: "bo", displayName: "Bo", password: "correct horse battery", role: .user)
        #expect(try await catalog.verifyPassword(name: "bo", password: "correct horse battery")?.name == "bo")
        await catalog.close()
        #expect(throws: BlockingExecutorShutDown(lane: .catalog)) { try catalog.executor.catalogThreadPool() }
    }
}
