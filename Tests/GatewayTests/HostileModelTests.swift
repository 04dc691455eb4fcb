import AsyncHTTPClient
import Foundation
import Testing

/// Hostile MathProg models (`fixtures/hostile`) solved by the reference runtime through a real
/// `atrium serve`: writes with `printf >` and `table OUT` to an absolute host path, into DATA and
/// with `../`, reads of DATA with `table IN`. Nothing reaches the host, the catalog stays whole,
/// the gateway keeps serving another user, and each job ends with what glpsol said in its log.
@Suite(.serialized) struct HostileModelTests {
    static let apps = ["write-absolute", "write-data", "write-dotdot", "read-data", "read-dotdot", "read-catalog"]

    /// The case of a hostile model: only the run number, from which the model builds host paths.
    static func input(_ run: Int) -> String {
        #"{"format": "atrium-mathprog/1", "sets": {}, "params": {"run": {"dims": [], "values": [[[], \#(run)]]}}, "solution": null}"#
    }

    @Test
    func hostileModelsReachNothingOutside() async throws {
        let gateway = try await HostileGateway(demo: "hostile", apps: Self.apps)
        do {
            try await check(gateway)
        } catch {
            Issue.record(error, "gateway log: \(gateway.log.suffix(3000))")
        }
        await gateway.stop()
    }

    func check(_ gateway: HostileGateway) async throws {
        let run = gateway.run
        let secret = "planted-" + UUID().uuidString.lowercased()
        try "k,v\nsecret,\(secret)\n".write(toFile: gateway.data + "/planted.csv", atomically: false, encoding: .utf8)
        let ana = try await gateway.user("ana", apps: Self.apps)
        let bob = try await gateway.user("bob", apps: Self.apps)

        var logs: [String: (job: [String: Any], log: String)] = [:]
        for app in Self.apps {
            let caseId = try await ana.createCase(app, "hostile", Self.input(run))
            logs[app] = try await ana.finish(try await ana.submit(caseId), bystander: bob)
        }
        func log(_ app: String) -> String { logs[app]?.log ?? "" }
        func state(_ app: String) -> String { logs[app]?.job["state"] as? String ?? "?" }

        // Each model ran (its first line is in the log) and ended; a refused write or read ended it
        // with glpsol's own words.
        for app in Self.apps {
            #expect(["succeeded", "failed"].contains(state(app)), "\(app): \(state(app))")
        }
        #expect(log("write-absolute").contains("hostile: writing /tmp/atrium-hostile-\(run)-printf-absolute"), "\(log("write-absolute"))")
        #expect(log("write-data").contains("hostile: writing into DATA"), "\(log("write-data"))")
        #expect(log("write-data").contains("unable to open"), "\(log("write-data"))")
        #expect(state("write-data") == "failed")
        #expect(log("write-dotdot").contains("hostile: writing ../atrium-hostile-\(run)-dotdot-1"), "\(log("write-dotdot"))")
        for app in ["read-data", "read-dotdot", "read-catalog"] {
            #expect(state(app) == "failed", "\(app): \(log(app))")
            #expect(log(app).contains("unable to open"), "\(app): \(log(app))")
            #expect(!log(app).contains("hostile: read"), "\(app) read something: \(log(app))")
        }
        for app in Self.apps { #expect(!log(app).contains(secret), "\(app) read the planted secret") }

        // Nothing on the host: not in /tmp, not in DATA, not anywhere up the job's directory.
        let files = FileManager.default
        #expect(!files.fileExists(atPath: "/tmp/atrium-hostile-\(run)-printf-absolute"))
        #expect(!files.fileExists(atPath: gateway.data + "/hostile-printf-data"))
        #expect(!files.fileExists(atPath: gateway.data + "/keys/hostile-table.csv"))
        let dotdot = "atrium-hostile-\(run)-dotdot-"
        var strays = (files.enumerator(atPath: gateway.root)?.allObjects as? [String] ?? []).filter { $0.contains(dotdot) }
        for directory in ["/tmp", "/"] {
            strays += ((try? files.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix(dotdot) }.map { directory + "/" + $0 }
        }
        #expect(strays.isEmpty, "files written with ../ on the host: \(strays)")

        // The catalog is whole and the gateway serves: a new user can be made and log on.
        let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: gateway.data + "/catalog.sqlite")).read(upToCount: 16)
        #expect(header == Data("SQLite format 3\0".utf8))
        let carol = try await gateway.user("carol", apps: ["write-absolute"])
        #expect(try await carol.get("/apps").status == 200)
        #expect(gateway.process.isRunning)
    }
}

/// The reference runtime's `glpsol` runs in the same sandbox as the runtime: the demo's
/// transport model solved through a real `atrium serve` (sandbox on, its default) ends with the
/// optimal plan in its output case.
@Suite(.serialized) struct SandboxedSolveTests {
    @Test func theTransportModelSolvesInTheSandbox() async throws {
        let gateway = try await HostileGateway(demo: "demo", apps: ["transport"])
        do {
            let ana = try await gateway.user("ana", apps: ["transport"])
            let bob = try await gateway.user("bob", apps: ["transport"])
            let data = try String(contentsOfFile: HostileGateway.repository + "/fixtures/demo/apps/transport/data.json", encoding: .utf8)
            let input = try await ana.createCase("transport", "sandboxed", data)
            let (job, log) = try await ana.finish(try await ana.submit(input), bystander: bob)
            #expect(job["state"] as? String == "succeeded", "\(job) \(log)")
            #expect(log.contains("OPTIMAL"), "\(log)")
            let output = try await ana.get("/cases/\(input)/versions/2/content")
            #expect(output.status == 200)
            #expect(output.text.contains("\"solution\""), "\(output.text.prefix(500))")
            // It ran sandboxed: the node says its sandbox is on, and glpsol read the model from the sandbox's app mount.
            let ready = try await gateway.client.execute(HTTPClientRequest(url: "https://127.0.0.1:\(gateway.port)/readyz"), timeout: .seconds(30))
            let readiness = String(buffer: try await ready.body.collect(upTo: 1 << 20))
            #expect(readiness.contains(#""sandbox":"on""#), "\(readiness)")
            #expect(log.contains("--math /atrium/app/model.mod"), "\(log)")
        } catch {
            Issue.record(error, "gateway log: \(gateway.log.suffix(3000))")
        }
        await gateway.stop()
    }
}
