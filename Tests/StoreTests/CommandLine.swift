import Foundation

/// Runs the built `atrium` binary as a user would, capturing its output.
struct CommandLine {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    var environment: [String: String]
    var directory: String

    init(directory: String, environment: [String: String] = [:]) {
        self.directory = directory
        self.environment = environment
    }

    @discardableResult
    func run(_ arguments: String..., input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.atriumBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        // stdout first, then stderr: the commands here write little to stderr.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                      stderr: String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
