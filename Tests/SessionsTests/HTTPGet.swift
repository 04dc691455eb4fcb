import Foundation

/// Plain HTTP GETs to a runtime on its Unix socket (curl), and who listens on a socket.
enum HTTPGet {
    static func fetch(socket: String, path: String, secret: String?) async throws -> (Int, String) {
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "--unix-socket", socket, "http://session" + path]
        if let secret { arguments += ["-H", "X-Atrium-Proxy-Secret: \(secret)"] }
        let output = try run("/usr/bin/curl", arguments)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    static func status(socket: String, path: String, secret: String?) async throws -> Int {
        try await fetch(socket: socket, path: path, secret: secret).0
    }

    /// The host pid of the runtime listening on `socket`: the sandboxed process whose command
    /// line names `program`, run as the uid that owns the socket's directory (each session has
    /// its own; inside its sandbox the socket has another path, so `ss` cannot name it).
    static func listeningPid(socket: String, program: String = "serve.py") throws -> Int32? {
        let directory = (socket as NSString).deletingLastPathComponent
        guard let owner = try FileManager.default.attributesOfItem(atPath: directory)[.ownerAccountID] as? NSNumber else { return nil }
        let output = try run("/usr/bin/pgrep", ["-u", owner.stringValue, "-f", program])
        return output.split(separator: "\n").compactMap { Int32($0) }.first
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
