import Foundation

/// Runs helper programs (openssl, scripts/pg-up, psql, the `atrium` CLI) and waits for them.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited \(status): \(output.suffix(3000))" }
    }

    /// Runs `executable` with `arguments` (Spawn); stdout and stderr together. Throws when it exits non-zero.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let file = NSTemporaryDirectory() + "atrium-cluster-shell-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let pid = try Spawn.start(executable, arguments, environment: Spawn.environment(environment), output: file, append: false)
        let status = Spawn.wait(pid)
        let output = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(command: ([executable] + arguments).joined(separator: " "), status: status, output: output)
        }
        return output
    }

    /// `bash -c script` (for pipelines).
    @discardableResult
    static func bash(_ script: String, environment: [String: String] = [:]) throws -> String {
        try run("/bin/bash", ["-c", script], environment: environment)
    }

    /// The repository's root (three levels above this file).
    static var repository: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// The `atrium` binary under test: `ATRIUM_BIN` or `.build/debug/atrium`.
    static var atrium: String {
        if let path = ProcessInfo.processInfo.environment["ATRIUM_BIN"], !path.isEmpty { return path }
        return repository + "/.build/debug/atrium"
    }
}
