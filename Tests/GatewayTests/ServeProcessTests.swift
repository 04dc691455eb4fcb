import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import Testing

/// `atrium serve` as a real process: the one-time admin password is printed once (stdout, not
/// the log) and works; no password, cookie, CSRF token or API token ever reaches the log, even at
/// trace level; SIGTERM shuts it down cleanly; a second start prints no password.
@Suite struct ServeProcessTests {
    static var binary: String {
        if let env = ProcessInfo.processInfo.environment["ATRIUM_BIN"] { return env }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/.build/debug/atrium"
    }

    struct Server {
        let process: Process
        let stdout: URL
        let stderr: URL

        static func start(data: String, port: Int, adminPassword: String? = nil) throws -> Server {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ServeProcessTests.binary)
            process.arguments = ["serve", "--data", data, "--https-port", String(port), "--http-port", "off", "--log-level", "trace"]
            var environment = ProcessInfo.processInfo.environment
            environment["ATRIUM_BCRYPT_COST"] = "4"
            environment["ATRIUM_INITIAL_ADMIN_PASSWORD"] = adminPassword
            process.environment = environment
            let out = URL(fileURLWithPath: data + "-stdout-\(UUID().uuidString.prefix(6))")
            let err = URL(fileURLWithPath: data + "-stderr-\(UUID().uuidString.prefix(6))")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            return Server(process: process, stdout: out, stderr: err)
        }

        var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
        var log: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        /// Sends SIGTERM and waits up to 20 s; returns the exit status (nil: it did not exit).
        func terminate() async -> Int32? { await process.terminateAndWait() }
    }

    static func post(_ client: HTTPClient, _ url: String, _ json: String, headers: [(String, String)] = [],
                     put: Bool = false) async throws -> (Int, String, [String]) {
        var request = HTTPClientRequest(url: url)
        request.method = put ? .PUT : .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), body, response.headers["Set-Cookie"])
    }

    /// Logs `name` on with `password` through the API (expecting 200); returns the session's headers (its cookie
    /// and CSRF token) and those two values, secrets that must not reach the log.
    static func logOn(_ client: HTTPClient, _ base: String, _ name: String,
                      _ password: String) async throws -> (headers: [(String, String)], secrets: [String]) {
        let logon = try await post(client, base + "/session", "{\"name\":\"\(name)\",\"password\":\"\(password)\"}")
        #expect(logon.0 == 200)
        let cookie = try #require(logon.2.first?.split(separator: ";").first.map(String.init))
        let csrf = try #require((try JSONSerialization.jsonObject(with: Data(logon.1.utf8)) as? [String: Any])?["csrfToken"] as? String)
        return ([("Cookie", cookie), ("X-CSRF-Token", csrf)], [String(cookie.split(separator: "=")[1]), csrf])
    }

    @Test func oneTimePasswordNoSecretsInTheLogAndCleanShutdown() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let data = dir.path + "/data"
        let port = try TestDirectory.freePort()
        let server = try Server.start(data: data, port: port)
        var secrets: [String] = []
        do {
            let certificate = data + "/tls/cert.pem"
            var password: String?
            for _ in 0..<300 where password == nil {
                if let line = server.output.split(separator: "\n").first(where: { $0.contains("one-time password") }) {
                    password = line.split(separator: " ").last.map(String.init)
                }
                if !server.process.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let admin = try #require(password, "no password printed; stdout: \(server.output) log: \(server.log)")
            #expect(admin.count == 20)
            secrets.append(admin)
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
            let client = HTTPClient(configuration: .init(tlsConfiguration: tls))
            do {
                let base = "https://127.0.0.1:\(port)/api/v1"
                let wrong = "wrong-password-\(UUID().uuidString.prefix(8))"
                secrets.append(wrong)
                let refused = try await Self.post(client, base + "/session", "{\"name\":\"admin\",\"password\":\"\(wrong)\"}")
                #expect(refused.0 == 401)
                let logon = try await Self.logOn(client, base, "admin", admin)
                secrets += logon.secrets
                // The one-time password must be replaced before the session may do anything else.
                let session = logon.headers
                let early = try await Self.post(client, base + "/users", "{\"name\":\"dave\",\"password\":\"dave-password-1\"}", headers: session)
                #expect(early.0 == 403, "\(early.1)")
                let adminPassword = "admin-own-\(UUID().uuidString.prefix(8))"
                secrets.append(adminPassword)
                let changed = try await Self.post(client, base + "/me/password",
                                                  "{\"currentPassword\":\"\(admin)\",\"newPassword\":\"\(adminPassword)\"}",
                                                  headers: session, put: true)
                #expect(changed.0 == 204, "\(changed.1)")
                // A password change ends the user's portal sessions: log on again with the new one.
                let again = try await Self.logOn(client, base, "admin", adminPassword)
                secrets += again.secrets
                let newPassword = "carol-secret-\(UUID().uuidString.prefix(8))"
                secrets.append(newPassword)
                let created = try await Self.post(client, base + "/users", "{\"name\":\"carol\",\"password\":\"\(newPassword)\"}",
                                                  headers: again.headers)
                #expect(created.0 == 201)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        } catch {
            _ = await server.terminate()
            throw error
        }
        #expect(await server.terminate() == 0, "graceful shutdown exits 0; log: \(server.log.suffix(2000))")
        let log = server.log
        #expect(log.contains("request"), "the access log ran at trace level")
        for secret in secrets {
            #expect(!log.contains(secret), "secret #\(secrets.firstIndex(of: secret)!) reached the log: \(log.components(separatedBy: "\n").first { $0.contains(secret) } ?? "")")
        }
        #expect(server.output.components(separatedBy: secrets[0]).count == 2, "the password is printed exactly once")

        // Second start on the same data: nothing printed.
        let again = try Server.start(data: data, port: try TestDirectory.freePort())
        for _ in 0..<300 where !again.output.contains("Stop with") && again.process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(again.output.contains("Stop with"))
        #expect(!again.output.contains("one-time password"))
        #expect(await again.terminate() == 0)
    }

    /// Runs curl with `arguments`; returns its exit status and output.
    static func curl(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sk"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A client that dies mid-upload (its body shorter than its Content-Length) leaves no case,
    /// and the server stays healthy.
    @Test func aTruncatedUploadStoresNothing() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let port = try TestDirectory.freePort()
        let server = try Server.start(data: dir.path + "/data", port: port, adminPassword: TestGateway.adminPassword)
        defer { server.process.terminate() }
        let base = "https://127.0.0.1:\(port)/api/v1"
        for _ in 0..<300 {  // (a `where` clause would keep calling curl after it answers)
            if (try? Self.curl(["-f", base + "/openapi.json", "-o", "/dev/null"]).0) == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let jar = dir.path + "/cookies"
        let logon = try Self.curl(["-c", jar, "-H", "Content-Type: application/json", "-d",
                                   "{\"name\":\"admin\",\"password\":\"\(TestGateway.adminPassword)\"}", base + "/session"])
        let csrf = try #require((try JSONSerialization.jsonObject(with: Data(logon.1.utf8)) as? [String: Any])?["csrfToken"] as? String)
        let auth = ["-b", jar, "-H", "X-CSRF-Token: \(csrf)"]
        _ = try Self.curl(auth + ["-H", "Content-Type: application/json", "-d", "{\"name\":\"demo\",\"title\":\"Demo\"}", base + "/apps"])
        let half = dir.path + "/half.csv"
        try Data(repeating: UInt8(ascii: "7"), count: 4 << 20).write(to: URL(fileURLWithPath: half))
        // Declares 8 MiB, sends 4 MiB, then gives up waiting.
        let cut = try Self.curl(auth + ["--max-time", "3", "-H", "Content-Type: application/octet-stream",
                                        "-H", "Content-Length: \(8 << 20)", "--data-binary", "@" + half,
                                        base + "/cases?app=demo&name=cut"])
        #expect(cut.0 == 28, "curl timed out mid-upload (exit 28), got \(cut.0): \(cut.1)")
        try await Task.sleep(for: .milliseconds(300))
        let list = try Self.curl(auth + [base + "/cases"])
        let items = (try JSONSerialization.jsonObject(with: Data(list.1.utf8)) as? [String: Any])?["items"] as? [Any]
        #expect(items?.isEmpty == true, "no case from the cut upload: \(list.1)")
        let whole = try Self.curl(auth + ["-H", "Content-Type: application/octet-stream", "--data-binary", "@" + half, "-o", "/dev/null",
                                          "-w", "%{http_code}", base + "/cases?app=demo&name=cut"])
        #expect(whole.1 == "201", "the same upload in full still works")
        #expect(!server.log.contains(" error "), "\(server.log.suffix(1500))")
    }

    /// A port another program already listens on: `atrium serve` exits by itself, with an error
    /// status and the reason in words, and closes its catalog on the way out (a debug build traps
    /// on a catalog left open: the SQLite connections close on the blocking executor, which a
    /// failing start used to shut down at the same moment).
    @Test func aTakenPortEndsTheServerWithTheReasonInWords() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let port = try TestDirectory.freePort()
        let holder = try HeldPort(port)
        defer { holder.close() }
        let server = try Server.start(data: dir.path + "/data", port: port, adminPassword: TestGateway.adminPassword)
        for _ in 0..<600 where server.process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        if server.process.isRunning { _ = await server.terminate() }
        #expect(!server.process.isRunning)
        #expect(server.process.terminationReason == .exit, "it exits, it does not trap: \(server.log.suffix(2000))")
        #expect(server.process.terminationStatus != 0)
        #expect((server.output + server.log).contains("Address already in use"), "\(server.output.suffix(800)) \(server.log.suffix(1500))")
    }

    /// A socket listening on 127.0.0.1:`port`, as another program's server would.
    struct HeldPort {
        let descriptor: Int32

        init(_ port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 1) == 0 else {
                Glibc.close(descriptor)
                throw POSIXError(.EADDRINUSE)
            }
        }

        func close() { Glibc.close(descriptor) }
    }
}
