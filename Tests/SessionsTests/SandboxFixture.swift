import Foundation
import Store
@testable import Sessions

/// A sandboxed space of its own for one test: `S` with an app file, a runtime directory with
/// an executable probe script, and the sandbox's settings (small limits the tests reach).
struct SandboxFixture {
    let root: TemporaryDirectory
    let executor = BlockingExecutor()
    var settings = SandboxSettings(memoryBytes: 512 << 20, processes: 64, openFiles: 256, fileSizeBytes: 1 << 20,
                                   scratchBytes: 4 << 20)

    init() throws {
        root = try TemporaryDirectory()
        // DATA-like: root-only, as the gateway makes it.
        chmod(root.path, 0o700)
        for dir in ["/S", "/S/app", "/runtime", "/data"] {
            try FileManager.default.createDirectory(atPath: root.path + dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        chmod(root.path + "/S", 0o700)
        try Data("model\n".utf8).write(to: URL(fileURLWithPath: root.path + "/S/app/model.mod"))
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: root.path + "/data/catalog.sqlite"))
        chmod(root.path + "/S/app/model.mod", 0o600)
    }

    var scratch: String { root.path + "/S" }

    /// Prepares the space (a uid, the directories) for `kind`.
    func space(_ kind: SandboxProfile.Kind = .data, id: String = RandomID.make(), directory: String? = nil) async throws -> SandboxSpace {
        try await SandboxSpace.prepare(settings: settings, id: id, kind: kind, directory: directory ?? scratch,
                                       runtimeDirectory: root.path + "/runtime", apiSocket: nil, networkAllowed: false,
                                       executor: executor)
    }

    /// Runs `script` with /bin/sh in `space`; returns the exit and the log's text.
    func run(_ script: String, in space: SandboxSpace, logName: String = "log") async throws -> (ProcessExit, String, RuntimeProcess) {
        let log = try SessionLog(path: root.path + "/" + logName)
        let launch = ProcessLaunch(executable: "/bin/sh", arguments: ["sh", "-c", script],
                                   environment: ["PATH": "/usr/bin:/bin", "HOME": SandboxView.work], workingDirectory: "/")
        let process = try space.start(launch, log: log, workGuard: nil)
        let exit = await process.waitForExit()
        return (exit, log.contents(), process)
    }
}

extension SandboxFixture {
    /// The built reference runtime (`atrium-runtime-mathprog`): beside the test runner, else `.build/debug`.
    static let referenceRuntime: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = runner.appendingPathComponent("atrium-runtime-mathprog").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.path != "/", !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/atrium-runtime-mathprog").resolvingSymlinksInPath().path
    }()
}
