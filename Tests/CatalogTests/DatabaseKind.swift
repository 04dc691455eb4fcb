import Catalog
import Foundation
import Logging
import NIOPosix
import PostgresKit

/// The databases the repository suite runs against. PostgreSQL needs a server: scripts/pg-up
/// starts a private one and prints its URL for ATRIUM_TEST_POSTGRES_URL; scripts/test (CI) also
/// sets ATRIUM_REQUIRE_POSTGRES=1, so there a missing server fails the suite instead of skipping it.
enum DatabaseKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    var description: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["ATRIUM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
    static var postgresRequired: Bool { ProcessInfo.processInfo.environment["ATRIUM_REQUIRE_POSTGRES"] == "1" }

    /// SQLite always; PostgreSQL when a server is given, or when it is required (the tests then
    /// fail loudly in `withCatalog`).
    static var available: [DatabaseKind] {
        allCases.filter { $0 != .postgres || postgresURL != nil || postgresRequired }
    }

    /// Runs `body` on a fresh, migrated catalog: a new SQLite file in a temp directory, or a new
    /// PostgreSQL database (`atrium_t_<random>`) dropped afterwards. `body` gets the
    /// configuration too, to open the same database a second time.
    /// With `migrated: false` the catalog is opened without migrating (an empty database).
    func withCatalog(migrated: Bool = true, _ body: (Catalog, CatalogConfiguration) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let dir = NSTemporaryDirectory() + "atrium-catalog-" + UUID().uuidString.prefix(8).lowercased()
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try await run(Self.testing(.sqlite(path: dir + "/catalog.sqlite")), migrated, body)
        case .postgres:
            guard let url = Self.postgresURL else {
                throw CatalogError.invalidArgument("ATRIUM_REQUIRE_POSTGRES=1 but ATRIUM_TEST_POSTGRES_URL is not set: start one with scripts/pg-up")
            }
            let name = "atrium_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            try await Self.admin(url, "CREATE DATABASE \(name)")
            do {
                try await run(Self.testing(.postgres(url: try Self.url(url, database: name))), migrated, body)
            } catch {
                try? await Self.admin(url, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                throw error
            }
            try await Self.drop(url, name)
        }
    }

    /// Drops a test database. A backend still starting up (no role yet) cannot be terminated by
    /// a non-superuser, so a busy drop is tried again for a few seconds.
    private static func drop(_ url: String, _ name: String) async throws {
        for attempt in 1...20 {
            do {
                return try await admin(url, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            } catch where attempt < 20 {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// Low bcrypt cost (fast tests) and one connection per event loop (many tests run at once).
    static func testing(_ database: CatalogConfiguration.Database) -> CatalogConfiguration {
        var configuration = CatalogConfiguration(database: database, bcryptCost: 4, connectionsPerEventLoop: 1)
        // The concurrency tests queue 200 calls on SQLite's one writer connection at once; on a
        // CI machine loaded by the rest of the suite that queue has outlasted the 60 s default.
        // They test what the catalog decides under contention, not how fast it drains.
        configuration.connectionRequestTimeout = 600
        return configuration
    }

    private func run(_ configuration: CatalogConfiguration, _ migrated: Bool,
                     _ body: (Catalog, CatalogConfiguration) async throws -> Void) async throws {
        let catalog = try await Catalog.open(configuration, migrate: migrated)
        do {
            try await body(catalog, configuration)
        } catch {
            await catalog.close()
            throw error
        }
        await catalog.close()
    }

    /// `url` pointing at another database on the same server.
    static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw CatalogError.invalidArgument("bad PostgreSQL URL") }
        components.path = "/" + database
        guard let result = components.string else { throw CatalogError.invalidArgument("bad PostgreSQL URL") }
        return result
    }

    /// Runs one administrative statement (CREATE/DROP DATABASE) on the server behind `url`.
    static func admin(_ url: String, _ statement: String) async throws {
        try await withServer(url) { try await $0.sql().raw("\(unsafeRaw: statement)").run() }
    }

    /// The server process ids of the connections that show `applicationName` in `pg_stat_activity`.
    static func pids(_ url: String, applicationName: String) async throws -> [Int32] {
        try await withServer(url) { connection in
            let rows = try await connection.sql()
                .raw("SELECT pid FROM pg_stat_activity WHERE application_name = \(bind: applicationName)").all()
            return try rows.map { try $0.decode(column: "pid", as: Int32.self) }
        }
    }

    /// What `pg_stat_activity` shows for the connections named `applicationName` of the
    /// PostgreSQL catalog `configuration` (state, wait event, transaction start, last query), for
    /// a failure message.
    static func activity(_ configuration: CatalogConfiguration, applicationName: String) async throws -> String {
        guard case .postgres(let url) = configuration.database else { return "not PostgreSQL" }
        return try await withServer(url) { connection in
            let rows = try await connection.sql().raw("""
                SELECT pid, coalesce(state, '') AS state, coalesce(wait_event, '') AS wait,
                       coalesce(to_char(xact_start, 'HH24:MI:SS.MS'), '') AS since, left(query, 80) AS query
                FROM pg_stat_activity WHERE application_name = \(bind: applicationName)
                """).all()
            let shown = try rows.map { row in
                "pid \(try row.decode(column: "pid", as: Int32.self)) \(try row.decode(column: "state", as: String.self))"
                    + " wait '\(try row.decode(column: "wait", as: String.self))' since \(try row.decode(column: "since", as: String.self))"
                    + ": \(try row.decode(column: "query", as: String.self))"
            }
            return shown.isEmpty ? "no connection (the server ended it)" : shown.joined(separator: "; ")
        }
    }

    /// Runs `body` on a connection of its own to the server behind `url`, closed afterwards.
    private static func withServer<T>(_ url: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                              configuration: configuration.coreConfiguration, id: 1,
                                                              logger: Logger(label: "atrium.catalog.tests"))
        let result: T
        do {
            result = try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return result
    }
}
