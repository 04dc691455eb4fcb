import Foundation
import Testing

/// `atrium serve` as a real process with a short gc schedule (`--gc-interval 1 --gc-grace 3`):
/// case versions saved through the API, some while the scheduled gc runs. The superseded full
/// frames go once they are older than the grace period, and every version of every case still
/// restores byte for byte: the scheduled gc never frees a reachable blob, nor one a save in
/// flight has written but not yet recorded in the catalog.
@Suite struct StoreGCProcessTests {
    /// The server, its data directory and a logged-on admin (cookie jar and CSRF token).
    struct Served {
        let process: Process
        let data: String
        let base: String
        let auth: [String]
        let log: URL

        var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// The blob's file in the store (whether it exists is what gc changes).
        func blobExists(_ hex: String) -> Bool {
            let u = Array(hex)
            return FileManager.default.fileExists(atPath: data + "/store/blobs/sha256/\(String(u[0..<2]))/\(String(u[2..<4]))/\(hex)")
        }

        /// The `blob` of the newest version in the manifest `hex`: the full frame that the next
        /// save supersedes.
        func newestFullBlob(manifest hex: String) throws -> String {
            let u = Array(hex)
            let path = data + "/store/blobs/sha256/\(String(u[0..<2]))/\(String(u[2..<4]))/\(hex)"
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            let versions = try #require(object["versions"] as? [[String: Any]])
            return try #require(versions.last?["blob"] as? String)
        }

        /// Saves `bytes` (a new case when `caseId` is nil); returns the case id and its head manifest.
        func save(_ name: String, caseId: String?, _ bytes: Data, scratch: String) async throws -> (id: String, head: String) {
            let file = scratch + "/\(name)-\(UUID().uuidString.prefix(8)).csv"
            try bytes.write(to: URL(fileURLWithPath: file))
            defer { try? FileManager.default.removeItem(atPath: file) }
            let url = caseId.map { base + "/cases/\($0)/versions" } ?? base + "/cases?app=demo&name=\(name)"
            let (status, body) = try await StoreGCProcessTests.curl(auth + ["-H", "Content-Type: application/octet-stream",
                                                                             "--data-binary", "@" + file, url])
            #expect(status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], "\(body)")
            return (try #require(object["id"] as? String, "\(body)"), try #require(object["headDigest"] as? String))
        }

        /// Saves `versions` as a new case `name`, one after another (waiting `pause` after each later one);
        /// returns its id, its head manifest and the full frame each later save superseded.
        func saveHistory(_ name: String, _ versions: [Data], scratch: String,
                         pause: Duration = .zero) async throws -> (id: String, head: String, superseded: [String]) {
            let created = try await save(name, caseId: nil, versions[0], scratch: scratch)
            var head = created.head
            var superseded: [String] = []
            for bytes in versions.dropFirst() {
                superseded.append(try newestFullBlob(manifest: head))
                head = try await save(name, caseId: created.id, bytes, scratch: scratch).head
                if pause > .zero { try await Task.sleep(for: pause) }
            }
            return (created.id, head, superseded)
        }

        /// Whether every one of `blobs` left the store within 60 s.
        func freed(_ blobs: [String]) async throws -> Bool {
            for _ in 0..<600 {
                if blobs.allSatisfy({ !blobExists($0) }) { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return false
        }

        func download(_ caseId: String, _ number: Int, scratch: String) async throws -> Data {
            let file = scratch + "/out-\(UUID().uuidString.prefix(8))"
            defer { try? FileManager.default.removeItem(atPath: file) }
            let (status, code) = try await StoreGCProcessTests.curl(auth + ["-o", file, "-w", "%{http_code}",
                                                                            base + "/cases/\(caseId)/versions/\(number)/content"])
            #expect(status == 0 && code == "200", "version \(number) of \(caseId): \(code)")
            return (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
        }
    }

    /// Runs curl (`-sk`) with `arguments` without blocking a thread of the test's pool.
    static func curl(_ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sk", "--max-time", "120"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { done in
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: (done.terminationStatus, String(decoding: data, as: UTF8.self)))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }

    static func start(_ dir: TestDirectory) async throws -> Served {
        let data = dir.path + "/data"
        let port = try TestDirectory.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ServeProcessTests.binary)
        process.arguments = ["serve", "--data", data, "--https-port", String(port), "--http-port", "off",
                             "--gc-interval", "1", "--gc-grace", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["ATRIUM_BCRYPT_COST"] = "4"
        environment["ATRIUM_RATE_LIMIT"] = "0"
        environment["ATRIUM_INITIAL_ADMIN_PASSWORD"] = TestGateway.adminPassword
        process.environment = environment
        let log = URL(fileURLWithPath: dir.path + "/serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let base = "https://127.0.0.1:\(port)/api/v1"
        for _ in 0..<300 {  // (a `where` clause would keep calling curl after it answers)
            if (try? await curl(["-f", base + "/openapi.json", "-o", "/dev/null"]).0) == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let jar = dir.path + "/cookies"
        let logon = try await curl(["-c", jar, "-H", "Content-Type: application/json", "-d",
                                    "{\"name\":\"admin\",\"password\":\"\(TestGateway.adminPassword)\"}", base + "/session"])
        let csrf = try #require((try? JSONSerialization.jsonObject(with: Data(logon.1.utf8)) as? [String: Any])?["csrfToken"] as? String,
                                "log-on: \(logon.1)")
        let auth = ["-b", jar, "-H", "X-CSRF-Token: \(csrf)"]
        _ = try await curl(auth + ["-H", "Content-Type: application/json", "-d", "{\"name\":\"demo\",\"title\":\"Demo\"}", base + "/apps"])
        return Served(process: process, data: data, base: base, auth: auth, log: log)
    }

    /// Business-like rows; `revision` changes every 40th row, so consecutive versions differ a little.
    static func csv(revision: Int, rows: Int = 20_000) -> Data {
        var text = "id,region,product,quantity,price\n"
        for row in 0..<rows {
            let quantity = row % 40 == revision % 40 ? row * 7 + revision : row * 7
            text += "\(row),region-\(row % 17),product-\(row % 113),\(quantity),\(Double(row % 997) / 4)\n"
        }
        return Data(text.utf8)
    }

    @Test func scheduledGCFreesSupersededFramesAndNeverAReachableBlobWhileSavesRun() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let server = try await Self.start(dir)
        defer { if server.process.isRunning { server.process.terminate() } }
        let scratch = dir.path

        // Case A: six versions, one after another; remember each superseded full frame.
        let a = (1...6).map { Self.csv(revision: $0) }
        let (idA, headA, supersededA) = try await server.saveHistory("a", a, scratch: scratch)
        let headFullA = try server.newestFullBlob(manifest: headA)

        // Case B: eight versions saved while the scheduled gc keeps running (every second), and
        // its history listed as it goes; meanwhile wait for A's superseded frames to go.
        let b = (1...8).map { Self.csv(revision: 100 + $0) }
        async let savesB = server.saveHistory("b", b, scratch: scratch, pause: .milliseconds(300))
        #expect(try await server.freed(supersededA), "A's superseded full frames were freed; still there: \(supersededA.filter(server.blobExists))")
        #expect(server.blobExists(headFullA), "the head's full frame is reachable and kept")
        let (idB, _, supersededB) = try await savesB

        // After B's last save, its superseded frames go as well (the gc kept running through the saves).
        #expect(try await server.freed(supersededB), "B's superseded full frames were freed")

        // Nothing reachable went: every version of both cases restores byte for byte.
        for (number, bytes) in a.enumerated() {
            #expect(try await server.download(idA, number + 1, scratch: scratch) == bytes, "A version \(number + 1)")
        }
        for (number, bytes) in b.enumerated() {
            #expect(try await server.download(idB, number + 1, scratch: scratch) == bytes, "B version \(number + 1)")
        }

        // The runs are logged and recorded; the store now holds only what the catalog reaches.
        let store = try await Self.curl(server.auth + [server.base + "/store"])
        let usage = try #require(try JSONSerialization.jsonObject(with: Data(store.1.utf8)) as? [String: Any], "\(store.1)")
        let lastRun = try #require(usage["lastRun"] as? [String: Any])
        #expect(lastRun["trigger"] as? String == "scheduled" && lastRun["actor"] as? String == "system")
        let parts = ["reachableBytes", "reclaimableBytes", "youngBytes"].compactMap { usage[$0] as? Int }
        #expect(parts.count == 3 && usage["bytes"] as? Int == parts.reduce(0, +))
        let log = server.logText
        #expect(log.contains("store gc") && log.contains("trigger=scheduled"), "\(log.suffix(2000))")
        #expect(!log.contains(" error "), "\(log.suffix(2000))")
        server.process.terminate()
        for _ in 0..<200 where server.process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!server.process.isRunning && server.process.terminationStatus == 0)
    }
}
