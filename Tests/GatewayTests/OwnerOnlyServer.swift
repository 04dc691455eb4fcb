import Foundation
import Testing

/// `atrium serve` as a real process for ``FilesAtRestTests``: on a free port, with the test
/// admin password, extra environment (e.g. `ATRIUM_STORE`), its output in `logs`; talked to
/// with curl.
struct OwnerOnlyServer {
    let process: Process
    let port: Int
    let stderr: URL
    let cookies: String

    static func start(data: String, logs: String, environment extra: [String: String] = [:]) throws -> OwnerOnlyServer {
        let port = try TestDirectory.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServeProcessTests.binary)
        process.arguments = ["serve", "--data", data, "--https-port", String(port), "--http-port", "off"]
        var environment = ProcessInfo.processInfo.environment
        environment["ATRIUM_BCRYPT_COST"] = "4"
        environment["ATRIUM_INITIAL_ADMIN_PASSWORD"] = TestGateway.adminPassword
        environment.merge(extra) { $1 }
        process.environment = environment
        let tag = UUID().uuidString.prefix(6)
        let out = URL(fileURLWithPath: logs + "/serve-\(tag).out"), err = URL(fileURLWithPath: logs + "/serve-\(tag).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return OwnerOnlyServer(process: process, port: port, stderr: err, cookies: logs + "/cookies-\(tag)")
    }

    var base: String { "https://127.0.0.1:\(port)/api/v1" }
    var log: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

    /// The API as the admin: waits until the server answers, logs on.
    func logOn() async throws -> Caller {
        var tries = 0
        while (try? ServeProcessTests.curl(["-f", base + "/openapi.json", "-o", "/dev/null"]).0) != 0, process.isRunning, tries < 600 {
            tries += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        let logon = try ServeProcessTests.curl(["-c", cookies, "-H", "Content-Type: application/json", "-d",
                                                "{\"name\":\"admin\",\"password\":\"\(TestGateway.adminPassword)\"}", base + "/session"])
        let object = try JSONSerialization.jsonObject(with: Data(logon.1.utf8)) as? [String: Any]
        let csrf = try #require(object?["csrfToken"] as? String, "log-on answered \(logon.1); log: \(log.suffix(2000))")
        return Caller(base: base, auth: ["-b", cookies, "-H", "X-CSRF-Token: \(csrf)"])
    }

    struct Caller {
        let base: String
        let auth: [String]

        /// curl with the session; the last argument is the path under `/api/v1`. Its output.
        func call(_ arguments: [String]) throws -> String {
            let path = arguments.last ?? ""
            return try ServeProcessTests.curl(auth + arguments.dropLast() + [base + path]).1
        }
    }

    /// SIGTERM, then waits up to 20 s; the exit status (nil: it did not exit).
    func terminate() async -> Int32? { await process.terminateAndWait() }
}
