#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The built `atrium-runtime-mathprog` (SwiftPM builds every product before `swift test`) and
/// the fixtures, run as real processes.
enum RuntimeBinary {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// Next to the test runner in the build products directory, else `.build/debug`.
    static let path: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = runner.appendingPathComponent("atrium-runtime-mathprog").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/atrium-runtime-mathprog").path
    }()

    static let demo = packageRoot.appendingPathComponent("fixtures/demo")
    static func app(_ name: String) -> String { demo.appendingPathComponent("apps/\(name)").path }
    static var runtimeDirectory: String { demo.appendingPathComponent("runtime").path }

    /// A fresh private directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "runtime-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func baseEnvironment(work: String) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": work, "LANG": "C.UTF-8", "TMPDIR": work, "ATRIUM_WORK_DIR": work]
    }
}

/// A started runtime process with stdout and stderr captured in files.
final class RuntimeProcess: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(_ arguments: [String], environment: [String: String], directory: String) throws {
        stdoutPath = directory + "/stdout-" + UUID().uuidString
        stderrPath = directory + "/stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: RuntimeBinary.path)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    var pid: pid_t { process.processIdentifier }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for exit; nil when it did not exit within `timeout`.
    func wait(timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning {
            if clock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// Waits until stdout contains `text`.
    func waitForOutput(_ text: String, timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if stdout.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Kills the process and, when it leads a process group of its own (Foundation starts it
    /// so), everything in that group: a `solve`'s `glpsol` must not outlive it.
    func stop() {
        guard process.isRunning else { return }
        if getpgid(pid) == pid { kill(-pid, SIGKILL) }
        kill(pid, SIGKILL)
    }

    /// Runs to completion.
    static func run(_ arguments: [String], environment: [String: String], directory: String,
                    timeout: Duration = .seconds(60)) async throws -> (status: Int32?, stdout: String, stderr: String) {
        let running = try RuntimeProcess(arguments, environment: environment, directory: directory)
        let status = await running.wait(timeout: timeout)
        running.stop()
        return (status, running.stdout, running.stderr)
    }
}
