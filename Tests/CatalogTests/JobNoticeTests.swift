import Catalog
import Foundation
import Testing

/// Job notices (`JobNotice`, `JobNoticeListener`): a submitted job reaches a listening node at
/// once, and the listener connects again after its connection was ended.
extension CatalogRepositoryTests {
    @Test("postgres: a submitted job is heard at once; the listener comes back after its connection is killed",
          .enabled(if: DatabaseKind.available.contains(.postgres), "no PostgreSQL (scripts/test starts one)"), .timeLimit(.minutes(2)))
    func jobNotices() async throws {
        let base = try #require(DatabaseKind.postgresURL, "ATRIUM_REQUIRE_POSTGRES=1 but ATRIUM_TEST_POSTGRES_URL is not set (scripts/pg-up)")
        try await DatabaseKind.postgres.withCatalog { catalog, configuration in
            // Its own application name, so only this test's listener is killed.
            var mine = configuration
            mine.applicationName = "atrium-notice-" + UUID().uuidString.prefix(8).lowercased()
            let node = try await Catalog.open(mine, migrate: false)
            let listener = try #require(try node.jobNoticeListener(pingInterval: 1))
            let heard = HeardNotices()
            let listening = Task { await listener.run { await heard.append($0) } }
            do {
                try await heard.wait("listening", seconds: 10) { $0.filter { $0 == .listening }.count == 1 }
                var started = Date()
                try await Self.submit(catalog)
                try await heard.wait("the submit heard", seconds: 10) { $0.contains(.notice(.queue)) }
                print(String(format: "job notice: submit → heard in %.1f ms", Date().timeIntervalSince(started) * 1000))

                try await DatabaseKind.admin(base, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(mine.applicationName)-jobs'")
                try await heard.wait("the loss reported", seconds: 10) { $0.contains { if case .lost = $0 { true } else { false } } }
                try await heard.wait("listening again", seconds: 20) { $0.filter { $0 == .listening }.count == 2 }
                started = Date()
                try await Self.submit(catalog)
                try await catalog.announce([.assigned(node: "b")])
                try await heard.wait("the second submit and the assignment heard", seconds: 10) {
                    $0.filter { $0 == .notice(.queue) }.count == 2 && $0.contains(.notice(.assigned(node: "b")))
                }
                print(String(format: "job notice after reconnecting: submit → heard in %.1f ms", Date().timeIntervalSince(started) * 1000))
            } catch {
                listening.cancel()
                await listening.value
                await node.close()
                throw error
            }
            listening.cancel()
            await listening.value
            await node.close()
        }
    }

    @Test("sqlite: no job notice listener (one node wakes in process), and announcing does nothing")
    func noJobNoticesOnSQLite() async throws {
        try await DatabaseKind.sqlite.withCatalog { catalog, _ in
            #expect(try catalog.jobNoticeListener() == nil)
            try await catalog.announce([.queue, .assigned(node: "a")])
            try await Self.submit(catalog)
        }
    }

    @Test("job notices: payloads round-trip; unknown ones are ignored")
    func jobNoticePayloads() {
        for notice in [JobNotice.queue, .assigned(node: "a"), .assigned(node: "node:x")] {
            #expect(JobNotice(payload: notice.payload) == notice)
        }
        #expect(JobNotice(payload: "node:") == nil)
        #expect(JobNotice(payload: "something newer") == nil)
    }
}

/// What a test's `JobNoticeListener` delivered, in order.
actor HeardNotices {
    private(set) var events: [JobNoticeListener.Event] = []

    func append(_ event: JobNoticeListener.Event) { events.append(event) }

    /// Polls every 5 ms until `condition` holds for the events so far; throws after `seconds`.
    func wait(_ what: String, seconds: Double, _ condition: ([JobNoticeListener.Event]) -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(events) {
            guard Date() < deadline else {
                throw CatalogError.database("waited \(seconds) s until \(what); heard \(events)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
