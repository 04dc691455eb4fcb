import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The hostile runtime package (`fixtures/hostile-runtime`, signed by a key the gateway trusts)
/// run by a real `atrium serve` in its sandbox: its data session and its solve try every way out
/// (DATA, keys, TLS key, other sessions, `/proc`, the gateway's port, PostgreSQL, signals,
/// ptrace, mount, unshare, its token) and print a line per attempt. Every attempt fails, the
/// controls (its own work directory, its app, its own case) work, the gateway keeps serving
/// another user throughout, and each limit ends its job with the reason.
@Suite(.serialized) struct SandboxContainmentTests {
    /// What a solve's probes must have tried and found contained (`contained <name>…`).
    static let solveProbes = [
        "list DATA", "read catalog", "read app keys", "read TLS key", "read planted secret", "list sessions", "list jobs",
        "list runtimes", "list store", "write DATA", "write catalog", "read other session", "list repository", "list /root",
        "read /etc/shadow", "write app", "write runtime", "write /usr", "write /etc",
        "see the gateway", "read environ of other processes", "inherited environment", "read gateway environ",
        "gateway root via /proc", "own init root via /proc", "signal gateway",
        "connect gateway port 127.0.0.1", "connect PostgreSQL 127.0.0.1", "bash /dev/tcp gateway", "connect outside",
        "network interfaces",
        "run as root", "capabilities", "new privileges", "seccomp", "ptrace own child", "ptrace gateway", "mount tmpfs",
        "unshare user namespace", "unshare mount namespace", "unshare network namespace", "kernel keyring", "setuid root", "chroot",
        "devices", "write /proc/sysrq-trigger", "write /proc/sys",
    ] + tokenProbes + ["token create case"]
    /// What any token probe must find refused (part of both reports).
    static let tokenProbes = [
        "token other case", "token other case content", "token other case save", "token solve other case", "token other user's case",
        "token other user's job", "token other user's job log", "token cancel other user's job", "token case list", "token job list",
        "token list users", "token list tokens", "token launch session",
    ]
    /// The controls: what a runtime may do, so a probe that "fails" everything proves nothing.
    static let controls = ["write work", "read app", "proc self", "token own case"]

    /// The host facts a probe needs, as the `KEY=value` lines of its input case.
    static func targets(_ gateway: HostileGateway, mode: String, postgres: Int, _ extra: [String: String] = [:]) -> String {
        var lines = ["MODE": mode, "RUN": String(gateway.run), "DATA": gateway.data, "GATEWAY_PID": String(gateway.pid),
                     "GATEWAY_PORT": String(gateway.port), "PG_PORT": String(postgres),
                     "HOST_IPS": HostileGateway.hostAddresses().joined(separator: " "), "REPOSITORY": HostileGateway.repository]
        for limit in HostileGateway.limits { lines[limit.target] = String(limit.value) }
        lines.merge(extra) { $1 }
        return lines.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
    }

    /// Checks a report: no escape, every probe of `expected` contained, every control worked, the end reached.
    static func expectContained(_ report: String, _ expected: [String], controls: [String], _ label: String) {
        let lines = report.split(separator: "\n").map(String.init)
        let escapes = lines.filter { $0.hasPrefix("ESCAPED ") }
        #expect(escapes.isEmpty, "\(label) escaped:\n\(escapes.joined(separator: "\n"))")
        for name in expected where !lines.contains(where: { $0.hasPrefix("contained \(name)") }) {
            Issue.record("\(label): no 'contained \(name)' line in\n\(report.suffix(6000))")
        }
        for name in controls where !lines.contains(where: { $0.hasPrefix("ok \(name):") }) {
            Issue.record("\(label): the control '\(name)' did not work:\n\(report.suffix(6000))")
        }
        #expect(lines.contains { $0.hasPrefix("done ") }, "\(label) did not finish its report:\n\(report.suffix(3000))")
        let notes = lines.filter { $0.hasPrefix("note: ") }
        #expect(notes.isEmpty, "\(label): \(notes)")
    }

    /// Files the `tried` writes (to `/tmp`, `/` and `../…`, private inside a sandbox) left on the host.
    static func strays(_ gateway: HostileGateway) -> [String] {
        let prefix = "atrium-hostile-\(gateway.run)-escaped-"
        let files = FileManager.default
        var found = (files.enumerator(atPath: gateway.root)?.allObjects as? [String] ?? []).filter { $0.contains(prefix) }
        for directory in ["/tmp", "/"] {
            found += ((try? files.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix(prefix) }.map { directory + "/" + $0 }
        }
        return found
    }

    /// The `ESCAPED` lines of every session and job log on the host (when the API can no longer tell).
    static func escapes(_ gateway: HostileGateway) -> [String] {
        let logs = (FileManager.default.enumerator(atPath: gateway.data)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".log") }
        return logs.flatMap { name in
            ((try? String(contentsOfFile: gateway.data + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { $0.hasPrefix("ESCAPED ") }.map { "\(name): \($0)" }
        }
    }

    static func withGateway(_ body: (HostileGateway) async throws -> Void) async throws {
        let gateway = try await HostileGateway(demo: "hostile-runtime", apps: ["probe"])
        do { try await body(gateway) } catch {
            Issue.record(error, "gateway \(gateway.process.isRunning ? "running" : "gone"); escapes in its runtimes' logs: \(escapes(gateway)); gateway log: \(gateway.log.suffix(3000))")
        }
        await gateway.stop()
    }

    @Test
    func aHostileDataSessionAndSolveFindNoWayOut() async throws {
        try await Self.withGateway { gateway in
            let (postgres, standIn) = try HostileGateway.postgresPort()
            defer { if let standIn { close(standIn) } }
            let secret = "planted-" + UUID().uuidString.lowercased()
            try secret.write(toFile: gateway.data + "/planted-secret", atomically: false, encoding: .utf8)
            let ana = try await gateway.user("ana", apps: ["probe"])
            let bob = try await gateway.user("bob", apps: ["probe"])
            let anaOther = try await ana.createCase("probe", "ana-other", "MODE=noop\n")
            let bobOther = try await bob.createCase("probe", "bob-other", "MODE=noop\n")
            // A job of bob's that stays queued (scheduled next year): neither runtime may see or cancel it.
            let bobJob = try await bob.submit(bobOther, scheduledAt: ISO8601DateFormatter().string(from: Date() + 86400 * 365))

            // bob's data session runs the probes at start, with bob's other case and job as the strangers.
            let serveCase = try await bob.createCase("probe", "bob-serve", Self.targets(gateway, mode: "probes", postgres: postgres, [
                "OTHER_CASE": bobOther, "OTHER_USER_CASE": anaOther, "OTHER_JOB": bobJob]))
            let launched = try await bob.send(.POST, "/sessions", json: ["app": "probe", "case": serveCase])
            #expect(launched.status == 201, "\(launched.text)")
            let session = try #require(try launched.object()["id"] as? String)
            var serveLog = ""
            for _ in 0..<1200 where !serveLog.contains("\ndone serve") {
                serveLog = try await bob.get("/sessions/\(session)/log").text
                #expect(try await ana.get("/cases").status == 200, "the gateway stopped serving another user")
                try await Task.sleep(for: .milliseconds(100))
            }
            Self.expectContained(serveLog, Self.solveProbes.filter { !["read other session", "token create case"].contains($0) },
                                 controls: Self.controls, "the data session")

            // ana's solve, with bob's running session, ana's other case and bob's job as the strangers.
            let input = try await ana.createCase("probe", "ana-probe", Self.targets(gateway, mode: "probes", postgres: postgres, [
                "OTHER_SESSION": session, "OTHER_CASE": anaOther, "OTHER_USER_CASE": bobOther, "OTHER_JOB": bobJob]))
            let (job, log) = try await ana.finish(try await ana.submit(input), bystander: bob)
            Self.expectContained(log, Self.solveProbes, controls: Self.controls, "the solve")
            #expect(job["state"] as? String == "succeeded", "\(job)")
            // Its report came back as the output case (written to ATRIUM_OUTPUT in its work directory).
            let output = try await ana.get("/cases/\(input)/versions/2/content")
            #expect(output.status == 200)
            #expect(output.text.contains("contained read catalog"), "\(output.text.prefix(500))")

            // Nothing it learnt is a secret of the host's, nothing it wrote is on the host.
            let sessionSecret = ["/work/session-secret", "/session-secret"].lazy
                .compactMap { try? String(contentsOfFile: gateway.data + "/sessions/\(session)" + $0, encoding: .utf8) }.first
            #expect(sessionSecret != nil, "bob's session wrote its secret into its work directory")
            for report in [log, serveLog] {
                #expect(!report.contains(gateway.canary), "the gateway's environment leaked")
                #expect(!report.contains(secret), "a file of DATA leaked")
                if let sessionSecret { #expect(!report.contains(sessionSecret), "another session's scratch leaked") }
            }
            #expect(Self.strays(gateway).isEmpty, "files on the host: \(Self.strays(gateway))")
            #expect(!FileManager.default.fileExists(atPath: gateway.data + "/escaped-\(gateway.run)"))

            // bob's queued job is untouched, his session still serves, the gateway still runs.
            #expect(try await bob.get("/jobs/\(bobJob)").object()["state"] as? String == "queued")
            #expect(try await bob.get("/sessions/\(session)").object()["state"] as? String == "ready")
            #expect(gateway.process.isRunning)
            #expect(try await bob.send(.DELETE, "/sessions/\(session)").status < 300)
        }
    }

    /// The end-to-end half of token binding (helper T tests the policy itself): the token a solve
    /// gets reaches its own input case, and is refused on another case of the same user, on
    /// another user's case and on another user's job.
    @Test func aJobTokenIsRefusedOnOtherCasesAndJobs() async throws {
        try await Self.withGateway { gateway in
            let ana = try await gateway.user("ana", apps: ["probe"])
            let bob = try await gateway.user("bob", apps: ["probe"])
            let anaOther = try await ana.createCase("probe", "ana-other", "MODE=noop\n")
            let bobCase = try await bob.createCase("probe", "bob-case", "MODE=noop\n")
            let bobJob = try await bob.submit(bobCase, scheduledAt: ISO8601DateFormatter().string(from: Date() + 86400 * 365))
            let input = try await ana.createCase("probe", "ana-tokens", "MODE=tokens\nOTHER_CASE=\(anaOther)\nOTHER_USER_CASE=\(bobCase)\nOTHER_JOB=\(bobJob)\n")
            let (job, log) = try await ana.finish(try await ana.submit(input), bystander: bob)
            Self.expectContained(log, Self.tokenProbes + ["token create case"], controls: ["token own case"], "the solve's token")
            #expect(job["state"] as? String == "succeeded", "\(job)")
            // The refusals changed nothing: ana's other case has one version, bob's job is still queued.
            #expect(try await ana.get("/cases/\(anaOther)").object()["headNumber"] as? Int == 1)
            #expect(try await bob.get("/jobs/\(bobJob)").object()["state"] as? String == "queued")
            #expect(try await ana.get("/cases").items().count == 2, "the token made no case")
        }
    }

    /// Each limit, hit on purpose by its own solve, ends that job failed with the limit named in
    /// its reason or its log, while another user keeps working.
    @Test func limitsEndTheJobWithTheirReason() async throws {
        try await Self.checkLimits(Self.limitReasons)
    }

    @Test
    func workDirectoryAndCPULimitsEndTheJobWithTheirReason() async throws {
        try await Self.checkLimits([("fill-work", ["No space left on device", "scratch"]), ("cpu", ["CPU time limit"])])
    }

    static func checkLimits(_ modes: [(mode: String, reasons: [String])]) async throws {
        try await Self.withGateway { gateway in
            let ana = try await gateway.user("ana", apps: ["probe"])
            let bob = try await gateway.user("bob", apps: ["probe"])
            let (postgres, standIn) = try HostileGateway.postgresPort()
            defer { if let standIn { close(standIn) } }
            for (mode, reasons) in modes {
                let input = try await ana.createCase("probe", "limit-\(mode)", Self.targets(gateway, mode: mode, postgres: postgres))
                let (job, log) = try await ana.finish(try await ana.submit(input), bystander: bob)
                let lines = log.split(separator: "\n")
                #expect(!lines.contains { $0.hasPrefix("ESCAPED ") }, "\(mode): \(log.suffix(2000))")
                #expect(job["state"] as? String == "failed", "\(mode): \(job)")
                let said = (job["reason"] as? String ?? "") + "\n" + log
                #expect(reasons.contains { said.contains($0) },
                        "\(mode) should end with one of \(reasons): reason \(job["reason"] ?? "none"), log \(log.suffix(2000))")
            }
            #expect(gateway.process.isRunning)
        }
    }

    /// The mode of the hostile solve, and the words its job must end with: the sandbox's own
    /// reason where a limit kills (`RuntimeLimit`; memory is the cgroup's OOM kill, this host has
    /// a memory cgroup), else the error the runtime met and printed (a fork refused under
    /// RLIMIT_NPROC, a full /tmp or work directory).
    static let limitReasons: [(mode: String, reasons: [String])] = [
        ("fork", ["Resource temporarily unavailable"]), ("memory", ["memory limit"]),
        ("fill-tmp", ["No space left on device"]), ("file-size", ["file size limit"]),
    ]
}
