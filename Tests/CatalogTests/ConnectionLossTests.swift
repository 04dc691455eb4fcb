import Catalog
import Foundation
import NIOCore
import Testing

extension CatalogRepositoryTests {
    /// The server ends the catalog's connections again and again (as a restart or an
    /// idle-in-transaction timeout does) while reads and transactions run: every call returns or
    /// throws promptly, and once the server stops ending them every call succeeds again.
    /// (Before `GuardedPostgresDatabase`, every worker here hung for good within a second.)
    @Test("postgres: calls fail fast and recover while the server keeps ending the connections",
          .enabled(if: DatabaseKind.available.contains(.postgres), "no PostgreSQL (scripts/test starts one)"), .timeLimit(.minutes(2)))
    func terminatedConnections() async throws {
        let base = try #require(DatabaseKind.postgresURL, "ATRIUM_REQUIRE_POSTGRES=1 but ATRIUM_TEST_POSTGRES_URL is not set (scripts/pg-up)")
        try await DatabaseKind.postgres.withCatalog { catalog, configuration in
            let name = try Self.databaseName(configuration)
            _ = try await catalog.registerNode(name: "n", address: "https://n", incarnation: "i", solveSlots: 1)
            let killing = CallTally()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !killing.stopped {
                        try? await DatabaseKind.admin(base, """
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE datname = '\(name)' AND pid <> pg_backend_pid()
                            """)
                        try await Task.sleep(for: .milliseconds(150))
                    }
                }
                for worker in 0..<4 {
                    group.addTask {
                        let end = Date().addingTimeInterval(6)
                        while Date() < end {
                            let start = Date()
                            do {
                                if worker % 2 == 0 {
                                    _ = try await catalog.heartbeat(name: "n", incarnation: "i", runningJobs: worker, dataSessions: 0)
                                } else {
                                    _ = try await catalog.listNodes()
                                }
                                killing.record(failed: false, seconds: Date().timeIntervalSince(start))
                            } catch {
                                killing.record(failed: true, seconds: Date().timeIntervalSince(start))
                            }
                        }
                    }
                }
                // The workers end on their own; then the killer.
                var finished = 0
                for try await _ in group {
                    finished += 1
                    if finished == 4 { killing.stop() }
                }
            }
            let tally = killing.snapshot
            // The killer did end connections under the calls, and the calls came back promptly.
            #expect(tally.failed > 0 && tally.succeeded > 0)
            #expect(tally.slowest < 30, "a call took \(tally.slowest) s")
            for _ in 0..<10 {
                #expect(try await catalog.heartbeat(name: "n", incarnation: "i", runningJobs: 0, dataSessions: 0))
                #expect(try await catalog.listNodes().count == 1)
            }
        }
    }

    /// A server that stops answering without closing the connection (here its backends are
    /// SIGSTOPped) fails the call after `statementTimeout`, and the catalog recovers with a new
    /// connection once the server answers again.
    @Test("postgres: a silent server fails the call after the statement timeout, then the catalog recovers",
          .enabled(if: DatabaseKind.available.contains(.postgres), "no PostgreSQL (scripts/test starts one)"), .timeLimit(.minutes(2)))
    func silentServer() async throws {
        let base = try #require(DatabaseKind.postgresURL, "ATRIUM_REQUIRE_POSTGRES=1 but ATRIUM_TEST_POSTGRES_URL is not set (scripts/pg-up)")
        try await DatabaseKind.postgres.withCatalog { _, configuration in
            var silent = configuration
            silent.statementTimeout = 1
            silent.applicationName = "atrium silent-" + UUID().uuidString.prefix(8).lowercased()
            let catalog = try await Catalog.open(silent, migrate: false)
            // A connection on every event loop (one each), so the next call gets a silent one.
            var pids: [Int32] = []
            for _ in 0..<20 where pids.count < System.coreCount {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 { group.addTask { _ = try await catalog.listNodes() } }
                    try await group.waitForAll()
                }
                pids = try await DatabaseKind.pids(base, applicationName: silent.applicationName)
            }
            try #require(pids.count == System.coreCount)
            for pid in pids { kill(pid, SIGSTOP) }
            let start = Date()
            await #expect(throws: CatalogError.self) { _ = try await catalog.listNodes() }
            let waited = Date().timeIntervalSince(start)
            #expect(waited >= 0.9 && waited < 10, "failed after \(waited) s")
            for pid in pids { kill(pid, SIGCONT) }
            let recovered = try? await catalog.listNodes()
            await catalog.close()
            #expect(recovered?.isEmpty == true)
        }
    }

    static func databaseName(_ configuration: CatalogConfiguration) throws -> String {
        guard case .postgres(let url) = configuration.database, let path = URLComponents(string: url)?.path else {
            throw CatalogError.invalidArgument("not a PostgreSQL configuration")
        }
        return String(path.dropFirst())
    }
}
