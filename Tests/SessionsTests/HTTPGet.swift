import Foundation

/// Plain HTTP GETs to a runtime on its Unix socket (curl), and who listens on a socket (ss).
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

    static func listeningPid(socket: String) throws -> Int32? {
        let output = try run("/usr/bin/ss", ["-Hlxp"])
        guard let line = output.split(separator: "\n").first(where: { $0.contains(socket) }),
              let range = line.range(of: "pid=") else { return nil }
        return Int32(line[range.upperBound...].prefix { $0.isNumber })
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
