import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real `atrium serve` process loaded with hostile fixtures (`--demo fixtures/hostile` or
/// `fixtures/hostile-runtime`), for the containment tests. Its directory is
/// `/tmp/atrium-hostile-<run>` and DATA `…/data`: the hostile models build those paths from the
/// run number in their case. The process carries `HOSTILE_CANARY` in its environment, a secret a
/// runtime finds only by reading the gateway's `/proc/<pid>/environ`.
final class HostileGateway: @unchecked Sendable {
    let run: Int
    let root: String
    let port: Int
    let canary = "canary-" + UUID().uuidString.lowercased()
    let process = Process()
    let output: URL
    let client: HTTPClient
    /// The limits the sandbox is given, as the hostile runtime is told them (probes stop at four times each).
    static let limits: [(setting: String, target: String, value: Int)] = [
        ("ATRIUM_SANDBOX_MEMORY", "MEMORY_LIMIT", 256 << 20), ("ATRIUM_SANDBOX_PROCESSES", "PROCESS_LIMIT", 64),
        ("ATRIUM_SANDBOX_SCRATCH", "SCRATCH_LIMIT", 64 << 20), ("ATRIUM_SANDBOX_FILE_SIZE", "FILE_SIZE_LIMIT", 32 << 20),
        ("ATRIUM_SANDBOX_SOLVE_CPU", "CPU_LIMIT", 5),
    ]

    var data: String { root + "/data" }
    var base: String { "https://127.0.0.1:\(port)/api/v1" }
    var pid: Int32 { process.processIdentifier }
    /// What `atrium serve` wrote to stdout and stderr (its log).
    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    static var repository: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// Starts `atrium serve --demo <fixture>` (a directory of the repository's `fixtures`) and waits
    /// until its API answers and the fixture's apps are loaded.
    init(demo fixture: String, apps: [String]) async throws {
        run = Int.random(in: 100_000_000...999_999_999)
        root = "/tmp/atrium-hostile-\(run)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        port = try TestDirectory.freePort()
        var environment = ProcessInfo.processInfo.environment
        environment.merge(["ATRIUM_BCRYPT_COST": "4", "ATRIUM_INITIAL_ADMIN_PASSWORD": TestGateway.adminPassword, "ATRIUM_RATE_LIMIT": "0",
                           "ATRIUM_HOST": "0.0.0.0", "HOSTILE_CANARY": canary]) { $1 }
        for limit in Self.limits { environment[limit.setting] = String(limit.value) }
        process.executableURL = URL(fileURLWithPath: ServeProcessTests.binary)
        process.arguments = ["serve", "--data", root + "/data", "--https-port", String(port), "--http-port", "off", "--log-level", "info",
                             "--demo", Self.repository + "/fixtures/" + fixture]
        process.environment = environment
        output = URL(fileURLWithPath: root + "/serve.log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var certificate: NIOSSLCertificate?
        for _ in 0..<600 where certificate == nil && process.isRunning {
            certificate = try? NIOSSLCertificate.fromPEMFile(root + "/data/tls/cert.pem").first
            if certificate == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard let certificate else {
            let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(atPath: root)
            throw ConfigurationFailure(message: "atrium serve made no certificate; log: \(log.suffix(2000))")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([certificate])
        client = HTTPClient(configuration: .init(tlsConfiguration: tls))
        do {
            let admin = try await EndToEndTests.retrying { try await self.logOn("admin", TestGateway.adminPassword) }
            for _ in 0..<600 {
                let listed = try await admin.get("/apps")
                if let names = try? listed.items().compactMap({ $0["name"] as? String }), Set(apps).isSubset(of: names) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
        } catch {
            await stop()
            throw error
        }
    }

    /// Stops the gateway and removes its directory and whatever the hostile runs left on the host.
    func stop() async {
        try? await client.shutdown()
        if process.isRunning {
            process.terminate()
            for _ in 0..<200 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(atPath: root)
        for directory in ["/tmp", "/"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix("atrium-hostile-\(run)-") {
                try? FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }
    }

    /// Logs `name` on through the API.
    func logOn(_ name: String, _ password: String) async throws -> Caller {
        let (headers, _) = try await ServeProcessTests.logOn(client, base, name, password)
        return Caller(gateway: self, headers: headers)
    }

    /// Makes a user who may read and launch `apps`, and logs them on.
    func user(_ name: String, apps: [String]) async throws -> Caller {
        let admin = try await logOn("admin", TestGateway.adminPassword)
        let password = "\(name)-password-\(run)"
        let created = try await admin.send(.POST, "/users", json: ["name": name, "password": password])
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(try created.object()["id"] as? String)
        for app in apps {
            for right in ["read", "launch"] {
                let granted = try await admin.send(.PUT, "/apps/\(app)/rights", json: ["subject": ["kind": "user", "id": id], "right": right])
                #expect(granted.status == 200, "\(granted.text)")
            }
        }
        return try await logOn(name, password)
    }

    /// The host's own addresses (not loopback), where the gateway listens too (`ATRIUM_HOST=0.0.0.0`).
    static func hostAddresses() -> [String] {
        var addresses: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let address = current.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            var inet = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            inet_ntop(AF_INET, &inet, &text, socklen_t(text.count))
            let string = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !string.hasPrefix("127.") { addresses.append(string) }
        }
        return addresses
    }

    /// Where the hostile runtime should try to reach PostgreSQL: the suite's server when
    /// `ATRIUM_TEST_POSTGRES_URL` names one, else a listening stand-in on every address (a local
    /// service that answers TCP, which is all the probe needs to tell connected from refused).
    static func postgresPort() throws -> (port: Int, standIn: Int32?) {
        if let url = ProcessInfo.processInfo.environment["ATRIUM_TEST_POSTGRES_URL"], let port = URLComponents(string: url)?.port {
            return (port, nil)
        }
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: INADDR_ANY)
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard bound == 0, listen(descriptor, 16) == 0 else { close(descriptor); throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return (Int(UInt16(bigEndian: address.sin_port)), descriptor)
    }

    /// A logged-on user of this gateway.
    struct Caller: Sendable {
        let gateway: HostileGateway
        let headers: [(String, String)]

        func get(_ path: String) async throws -> Reply { try await send(.GET, path) }

        func send(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, body: String? = nil) async throws -> Reply {
            var request = HTTPClientRequest(url: gateway.base + path)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let json {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)))
            } else if let body {
                request.headers.add(name: "Content-Type", value: "application/octet-stream")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await gateway.client.execute(request, timeout: .seconds(60))
            return Reply(status: Int(response.status.code), text: String(buffer: try await response.body.collect(upTo: 64 << 20)))
        }

        /// A new case of `app` holding `content`; its id.
        func createCase(_ app: String, _ name: String, _ content: String) async throws -> String {
            let created = try await send(.POST, "/cases?app=\(app)&name=\(name)", body: content)
            #expect(created.status == 201, "\(created.text)")
            return try #require(try created.object()["id"] as? String, "\(created.text)")
        }

        /// Submits a solve of `caseId`; its id.
        func submit(_ caseId: String, scheduledAt: String? = nil) async throws -> String {
            var json: [String: Any] = ["case": caseId, "timeoutSeconds": 300]
            json["scheduledAt"] = scheduledAt
            let submitted = try await send(.POST, "/jobs", json: json)
            #expect(submitted.status == 201, "\(submitted.text)")
            return try #require(try submitted.object()["id"] as? String, "\(submitted.text)")
        }

        /// Waits for the job to end, while `bystander` lists apps and cases each turn (the gateway
        /// must keep serving other users throughout); returns the job and its log.
        func finish(_ job: String, bystander: Caller) async throws -> (job: [String: Any], log: String) {
            for _ in 0..<3000 {
                let record = try await get("/jobs/\(job)").object()
                #expect(try await bystander.get("/apps").status == 200, "the gateway stopped serving another user")
                #expect(try await bystander.get("/cases").status == 200, "the gateway stopped serving another user")
                if let state = record["state"] as? String, ["succeeded", "failed", "cancelled"].contains(state) {
                    return (record, try await get("/jobs/\(job)/log").text)
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("job \(job) did not end")
            return ([:], try await get("/jobs/\(job)/log").text)
        }
    }

    struct ConfigurationFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    struct Reply {
        let status: Int
        let text: String

        func object() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        }

        func items() throws -> [[String: Any]] { try #require(try object()["items"] as? [[String: Any]], "\(text)") }
    }
}
