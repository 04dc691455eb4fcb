import Foundation
import Gateway
import Testing

/// Files at rest are the owner's alone: after a real `atrium serve` made DATA on its first run
/// (store, keys, TLS pair, catalog with its `-wal` and `-shm`) and saved a case twice, nothing in
/// DATA (nor in the store, also when it is on the Samba share mounted through smbnetfs) is
/// readable or writable by the group or others, except what the sandbox opens on purpose; another
/// user cannot list DATA or read a blob. The same in the test process, whose umask (022) lets
/// group and others read what is made without a mode: the modes are given at creation. A DATA
/// made open by an older install is tightened at the next start, which is logged once.
@Suite struct FilesAtRestTests {
    /// Where the store is: in DATA (the default) or on the Samba share of scripts/test.
    enum StoreLocation: String, CustomStringConvertible, Sendable {
        case data, smb
        var description: String { rawValue }

        static var smbRoot: String? { ProcessInfo.processInfo.environment["ATRIUM_TEST_SMB_ROOT"].flatMap { $0.isEmpty ? nil : $0 } }
        static var all: [StoreLocation] {
            smbRoot != nil || ProcessInfo.processInfo.environment["ATRIUM_REQUIRE_SMB"] == "1" ? [.data, .smb] : [.data]
        }
    }

    @Test(arguments: StoreLocation.all)
    func everythingTheGatewayWritesIsOwnerOnly(_ location: StoreLocation) async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        // The test's own directory is open, so only the modes under it keep others out.
        #expect(chmod(dir.path, 0o755) == 0)
        let data = dir.path + "/data"
        var environment: [String: String] = [:]
        var storeRoot = data + "/store"
        var shareDirectory: String?
        if location == .smb {
            let root = try #require(StoreLocation.smbRoot, "ATRIUM_REQUIRE_SMB=1 but ATRIUM_TEST_SMB_ROOT is not set")
            shareDirectory = root + "/at-rest-" + UUID().uuidString.prefix(8).lowercased()
            storeRoot = shareDirectory! + "/store"
            environment["ATRIUM_STORE"] = storeRoot
        }
        // rm, not FileManager: its removal of a tree fails through smbnetfs (EISDIR on a directory).
        defer { if let shareDirectory { _ = try? Process.run(URL(fileURLWithPath: "/bin/rm"), arguments: ["-rf", shareDirectory]).waitUntilExit() } }

        let server = try OwnerOnlyServer.start(data: data, logs: dir.path, environment: environment)
        var walked: Set<String> = []
        do {
            let api = try await server.logOn()
            _ = try api.call(["-H", "Content-Type: application/json", "-d", #"{"name":"demo","title":"Demo"}"#, "/apps"])
            let csv = dir.path + "/case.csv"
            try Data((0..<2000).map { "row\($0),\($0 * 7)\n" }.joined().utf8).write(to: URL(fileURLWithPath: csv))
            let created = try api.call(["-H", "Content-Type: application/octet-stream", "--data-binary", "@" + csv,
                                        "/cases?app=demo&name=at-rest"])
            let caseId = try #require((try JSONSerialization.jsonObject(with: Data(created.utf8)) as? [String: Any])?["id"] as? String,
                                      "the save answered \(created)")
            try Data((0..<2000).map { "row\($0),\($0 * 9)\n" }.joined().utf8).write(to: URL(fileURLWithPath: csv))
            let second = try api.call(["-H", "Content-Type: application/octet-stream", "--data-binary", "@" + csv, "-o", "/dev/null",
                                       "-w", "%{http_code}", "/cases/\(caseId)/versions"])
            #expect(second == "201", "the second version is saved")

            // While it runs: the catalog's -wal and -shm exist now.
            let running = OwnerOnlyWalk(root: data)
            #expect(running.violations.isEmpty, "open to others in DATA while running: \(running.violations)")
            walked = running.visited
            for name in ["catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm", "tls", "tls/key.pem", "tls/cert.pem",
                         "keys", "scratch"] {
                #expect(walked.contains(name), "\(name) was made and checked")
            }
            #expect(walked.contains { $0.hasPrefix("keys/") && $0.hasSuffix(".key.json") }, "the platform key was checked")
            #expect(walked.contains { $0.hasPrefix("keys/") && $0.hasSuffix(".pub.json") }, "its public half was checked")
            let store = OwnerOnlyWalk(root: storeRoot)
            #expect(store.violations.isEmpty, "open to others in the store (\(location)): \(store.violations)")
            let blobs = store.visited.filter { $0.hasPrefix("blobs/sha256/") && $0.split(separator: "/").count == 5 }
            #expect(blobs.count >= 2, "the saves' blobs were checked: \(store.visited.sorted())")
            #expect(store.visited.contains("STORE"))

            // The kernel agrees: another user can neither list DATA nor read a blob.
            #expect(try OwnerOnlyWalk.asNobody(["ls", data]) != 0, "nobody listed DATA")
            let blob = try #require(blobs.first)
            #expect(try OwnerOnlyWalk.asNobody(["cat", storeRoot + "/" + blob]) != 0, "nobody read \(blob)")
            #expect(try OwnerOnlyWalk.asNobody(["ls", dir.path]) == 0, "nobody may list the test's directory: the check can fail")
        } catch {
            _ = await server.terminate()
            throw error
        }
        #expect(await server.terminate() == 0, "graceful shutdown; log: \(server.log.suffix(2000))")
        let stopped = OwnerOnlyWalk(root: data)
        #expect(stopped.violations.isEmpty, "open to others in DATA after the stop: \(stopped.violations)")
        #expect(!server.log.contains("made the data directory owner-only"), "a new DATA needs no tightening")
    }

    @Test func theModesAreGivenNotLeftToTheUmask() async throws {
        let mask = umask(0o022)
        umask(mask)
        #expect(mask & 0o077 != 0o077, "the test process's umask (\(String(mask, radix: 8))) lets a file made without a mode open")
        try await TestGateway.withDirectory { client, app, dir in
            let (alice, _) = try await CaseFixture.setUp(app)
            let id = try await CaseFixture.create(client, alice, name: "at-rest", CaseFixture.csv(rows: 2000))
            let second = try await CaseFixture.upload(client, alice, "/api/v1/cases/\(id)/versions", CaseFixture.csv(rows: 2000, revision: 1))
            #expect(second.status == .created)
            let walk = OwnerOnlyWalk(root: dir.path)
            #expect(walk.violations.isEmpty, "open to others in DATA: \(walk.violations)")
            for name in ["catalog.sqlite", "catalog.sqlite-wal", "catalog.sqlite-shm", "tls/key.pem", "tls/cert.pem", "store/STORE"] {
                #expect(walk.visited.contains(name), "\(name) was made and checked")
            }
            #expect(walk.visited.filter { $0.hasPrefix("store/blobs/sha256/") && $0.split(separator: "/").count == 6 }.count >= 2)
        }
    }

    @Test func anOpenDataDirectoryIsTightenedOnceAtStart() async throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let data = dir.path + "/data"
        // As an older install (or an admin's mkdir under umask 022) left it.
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        #expect(OwnerOnlyWalk.mode(data) == 0o755)

        let first = try OwnerOnlyServer.start(data: data, logs: dir.path)
        do { _ = try await first.logOn() } catch {
            _ = await first.terminate()
            throw error
        }
        #expect(OwnerOnlyWalk.mode(data) == 0o700)
        #expect(await first.terminate() == 0)
        let lines = first.log.split(separator: "\n").filter { $0.contains("made the data directory owner-only") }
        #expect(lines.count == 1, "logged once: \(first.log.suffix(2000))")
        #expect(lines.first?.contains("modeBefore=755") == true, "\(lines)")

        let second = try OwnerOnlyServer.start(data: data, logs: dir.path)
        do { _ = try await second.logOn() } catch {
            _ = await second.terminate()
            throw error
        }
        #expect(await second.terminate() == 0)
        #expect(!second.log.contains("made the data directory owner-only"), "the next start finds it tight")
        #expect(OwnerOnlyWalk.mode(data) == 0o700)
    }
}
