import Foundation

/// Plain HTTP GETs to a runtime on loopback (curl), and who listens on a port (ss).
enum HTTPGet {
    static func fetch(_ url: String, secret: String?) async throws -> (Int, String) {
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", url]
        if let secret { arguments += ["-H", "X-Atrium-Proxy-Secret: \(secret)"] }
        let output = try run("/usr/bin/curl", arguments)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    static func status(_ url: String, secret: String?) async throws -> Int {
        try await fetch(url, secret: secret).0
    }

    static func listeningPid(port: Int) throws -> Int32? {
        let output = try run("/usr/bin/ss", ["-Hltnp", "sport = :\(port)"])
        guard let range = output.range(of: "pid=") else { return nil }
        return Int32(output[range.upperBound...].prefix { $0.isNumber })
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
