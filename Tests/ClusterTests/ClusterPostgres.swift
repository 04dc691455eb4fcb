import Foundation

/// The test's own PostgreSQL (scripts/pg-up DIR on a port of its own), so a test may restart it:
/// `restart()` is `scripts/pg-down DIR` then `scripts/pg-up DIR`, a warm start that keeps the data.
struct ClusterPostgres: Sendable {
    let directory: String
    let port: Int
    /// postgres://atrium:…@127.0.0.1:PORT/atrium
    let url: String

    static func start(in directory: String) throws -> ClusterPostgres {
        let port = try Ports.free(in: 45_000..<52_000)
        try up(directory, port: port)
        let url = try String(contentsOfFile: directory + "/url", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return ClusterPostgres(directory: directory, port: port, url: url)
    }

    private static func up(_ directory: String, port: Int) throws {
        try Shell.run("/bin/bash", [Shell.repository + "/scripts/pg-up", directory], environment: ["ATRIUM_PG_PORT": String(port)])
    }

    func stop() throws {
        try Shell.run("/bin/bash", [Shell.repository + "/scripts/pg-down", directory])
    }

    func start() throws {
        try Self.up(directory, port: port)
    }

    /// Runs SQL through psql over TCP as the role `atrium`; rows as `|`-separated lines.
    func query(_ sql: String) throws -> [String] {
        let output = try Shell.run("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        return output.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}
