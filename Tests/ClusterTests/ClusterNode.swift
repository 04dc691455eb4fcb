import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `atrium serve` process of a test cluster: its name, port, data directory and log file
/// (stdout and stderr of every start, appended).
final class ClusterNode: @unchecked Sendable {
    let name: String
    let port: Int
    let dataDirectory: String
    let logFile: String
    let environment: [String: String]
    let arguments: [String]
    private let lock = NSLock()
    private var process: pid_t?

    init(name: String, port: Int, dataDirectory: String, logFile: String, environment: [String: String], arguments: [String]) {
        self.name = name
        self.port = port
        self.dataDirectory = dataDirectory
        self.logFile = logFile
        self.environment = environment
        self.arguments = arguments
    }

    var baseURL: String { "https://127.0.0.1:\(port)" }

    /// The process's pid while it runs (an ended process is reaped here).
    var pid: Int32? {
        lock.withLock {
            if let pid = process, Spawn.ended(pid) { process = nil }
            return process
        }
    }
    var isRunning: Bool { pid != nil }

    /// Starts the process (again); the log is appended to.
    func start() throws {
        let header = "===== \(Date()) starting node \(name) =====\n"
        if let handle = FileHandle(forWritingAtPath: logFile) {
            _ = try? handle.seekToEnd()
            handle.write(Data(header.utf8))
            try? handle.close()
        } else {
            try Data(header.utf8).write(to: URL(fileURLWithPath: logFile))
        }
        let pid = try Spawn.start(Shell.atrium, ["serve"] + arguments, environment: Spawn.environment(environment), output: logFile, append: true)
        lock.withLock { process = pid }
    }

    /// Sends `signal` to the node process only (its runtimes run in process groups of their own).
    func signal(_ signal: Int32) {
        if let pid { kill(pid, signal) }
    }

    /// Waits until the process has exited (true) or `seconds` passed.
    func waitForExit(seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isRunning { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return !isRunning
    }

    /// The last `lines` lines of the log.
    func logTail(_ lines: Int = 60) -> String {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "(no log)"
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
