import AsyncHTTPClient
import Catalog
import Foundation
@testable import Gateway
import NIOCore
import NIOPosix
import NIOSSL
import Sessions
import Testing

/// The proxy benchmark (bench/proxy), run only with ATRIUM_BENCH_PROXY=1: a real gateway in this
/// process proxies WebSocket echoes to the session the script started; the same client measures
/// nginx in front of that same session. Prints `BENCH key value` lines; asserts nothing.
@Suite struct ProxyBenchmarkTests {
    static let env = ProcessInfo.processInfo.environment

    @Test(.enabled(if: env["ATRIUM_BENCH_PROXY"] == "1")) func proxyBenchmark() async throws {
        let backendSocket = try #require(Self.env["ATRIUM_BENCH_BACKEND_SOCKET"])
        let nginxPort = try #require(Self.env["ATRIUM_BENCH_NGINX_PORT"].flatMap(Int.init))
        let nginxCertificate = try #require(Self.env["ATRIUM_BENCH_NGINX_CERT"])
        let messages = Self.env["MESSAGES"].flatMap(Int.init) ?? 5000
        let parallel = Self.env["PARALLEL"].flatMap(Int.init) ?? 32
        let idle = Self.env["IDLE"].flatMap(Int.init) ?? 9000

        // No request limit, and room for the benchmark's sockets in one user's webSockets quota.
        let gateway = try await RunningGateway { $0.requestsPerSecond = 0; $0.logLevel = .error; $0.quotaDefaults.webSockets = 20_000 }
        let certificate = SelfSignedCertificate.paths(dataDirectory: gateway.directory.path).certificate
        let client = try ProxyFixture.client(trusting: certificate)
        let user = try await gateway.app.atrium.catalog.createUser(name: "bench", displayName: "Bench", password: "bench-password", role: .user)
        let cookie = try await ProxyUsers.logon(client, gateway.base, "bench")
        try await client.shutdown()
        await gateway.app.atrium.proxyDirectory.register(ProxyTarget(sessionId: "bench", ownerId: user.id, socketPath: backendSocket,
                                                                     secret: "bench-secret"))
        // The session's own host, with the log-on's pass into it (as the portal's handover gives it).
        let catalog = gateway.app.atrium.catalog
        let ticket = try #require(try await catalog.createSessionTicket(webSessionSecret: String(cookie.dropFirst(SessionCookie.name.count + 1)),
                                                                        sessionId: "bench"))
        let pass = SessionPassCookie.name + "=" + (try #require(try await catalog.redeemSessionTicket(ticket, sessionId: "bench")).pass)
        let authority = "bench.sessions.localhost:\(gateway.port)"
        let viaGateway = Endpoint(port: gateway.port, path: "/s/bench/ws", certificate: certificate,
                                  headers: [("Host", authority), ("Origin", "https://" + authority), ("Cookie", pass)])
        let viaNginx = Endpoint(port: nginxPort, path: "/ws", certificate: nginxCertificate, headers: [("Origin", "https://127.0.0.1:\(nginxPort)")])

        // The client runs on an event loop of its own. On the gateway's loops (NIO's singleton, as
        // before), its channel's work queued behind the gateway's and the gateway's behind it, in
        // the gateway's measurement only: nginx is a process of its own.
        let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let endpoints = [("nginx", viaNginx), ("gateway", viaGateway)]
        for (_, endpoint) in endpoints { _ = try await Self.latencies(endpoint, count: 500, group: clientGroup) }  // warm-up
        // Latency in ROUNDS rounds (10) of MESSAGES / ROUNDS echoes on a new socket each, nginx
        // and the gateway taking turns to go first: whatever else the machine does in the
        // meantime weighs on both alike, instead of on whichever ran in a bad minute.
        let rounds = max(1, Self.env["ROUNDS"].flatMap(Int.init) ?? 10)
        var samples: [String: [Int]] = [:], roundP99: [String: [Int]] = [:]
        for round in 0..<rounds {
            for (name, endpoint) in round % 2 == 0 ? endpoints : endpoints.reversed() {
                let times = try await Self.latencies(endpoint, count: max(100, messages / rounds), group: clientGroup)
                samples[name, default: []] += times
                roundP99[name, default: []].append(times.sorted()[times.count * 99 / 100])
            }
        }
        for (name, _) in endpoints {
            let sorted = (samples[name] ?? []).sorted()
            print("BENCH \(name)_p50_us \(sorted[sorted.count / 2])")
            print("BENCH \(name)_p99_us \(sorted[sorted.count * 99 / 100])")
            print("BENCH \(name)_p99_rounds_us \((roundP99[name] ?? []).map(String.init).joined(separator: " "))")
        }
        // Throughput: PARALLEL sockets each doing MESSAGES / 4 round trips, twice each in the order
        // nginx, gateway, gateway, nginx; messages over the time of both turns.
        var elapsed: [String: Double] = [:]
        for (name, endpoint) in endpoints + endpoints.reversed() {
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<parallel {
                    group.addTask { _ = try await Self.latencies(endpoint, count: messages / 4, group: clientGroup) }
                }
                try await group.waitForAll()
            }
            let took = ContinuousClock.now - start
            elapsed[name, default: 0] += Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
        }
        for (name, _) in endpoints {
            print("BENCH \(name)_msgs_per_s \(Int(Double(2 * parallel * (messages / 4)) / (elapsed[name] ?? 1)))")
        }
        try await clientGroup.shutdownGracefully()

        // Churn: CHURN sockets (default 5,000) opened, echoed once and closed with 1000, 8 at a
        // time, by a client in another process. What the gateway holds afterwards (malloc's bytes
        // in use plus its TLS buffers' pages) against before, once the sockets are gone and NIOSSL's
        // 5 s shutdown timers have run; a warm-up churn first makes the lasting state.
        let churn = Self.env["CHURN"].flatMap(Int.init) ?? 5000
        if let script = Self.env["ATRIUM_BENCH_CHURN_CLIENT"], churn > 0 {
            let connections = gateway.app.atrium.proxyConnections
            let pagedAtStart = PagedBufferAllocator.mappedBytes.load(ordering: .relaxed)
            func run(_ count: Int) async throws -> String {
                let output = gateway.directory.path + "/churn.out"
                let line = try await Self.runClient(script, [
                    "wss://\(authority)/s/bench/ws", String(count), "8", certificate, "https://" + authority, pass,
                ], output: output) { $0.contains("churned") }
                let deadline = ContinuousClock.now + .seconds(30)
                while connections.count > 0 || PagedBufferAllocator.mappedBytes.load(ordering: .relaxed) > pagedAtStart,
                      ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(200))
                }
                return line
            }
            _ = try await run(200)
            let descriptorsBefore = Self.descriptors()
            let memoryBefore = await HeapFigures.liveKiB()
            let line = try await run(churn)
            let memoryAfter = await HeapFigures.liveKiB()
            print("BENCH churn_client \(line)")
            print("BENCH churn_memory_kib \(memoryBefore) \(memoryAfter)")
            print("BENCH churn_bytes_per_socket \((memoryAfter - memoryBefore) * 1024 / churn)")
            print("BENCH churn_descriptors \(descriptorsBefore) \(Self.descriptors())")
            print("BENCH churn_open_after \(connections.count)")
        }

        if let script = Self.env["ATRIUM_BENCH_IDLE_CLIENT"], idle > 0 {
            let before = Self.residentKiB()
            let heapBefore = HeapFigures.now()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [script, "wss://\(authority)/s/bench/ws", String(idle), certificate, "https://" + authority, pass]
            process.environment = ProcessInfo.processInfo.environment.merging(["CONNECT_TO": "127.0.0.1"]) { _, new in new }
            // Its `open N` line is polled from a file: reading a Pipe here was seen to wait until the
            // client exited.
            let outputPath = gateway.directory.path + "/idle.out"
            _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
            try process.run()
            var line = ""
            for _ in 0..<1200 where line.isEmpty {
                try await Task.sleep(for: .milliseconds(500))
                line = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            }
            let open = gateway.app.atrium.proxyConnections.count
            try await Task.sleep(for: .seconds(2))
            let after = Self.residentKiB()
            print("BENCH idle_client \(line.trimmingCharacters(in: .whitespacesAndNewlines))")
            print("BENCH gateway_idle_sockets \(open)")
            print("BENCH gateway_rss_before_kib \(before)")
            print("BENCH gateway_rss_idle_kib \(after)")
            print("BENCH gateway_kib_per_socket \(open > 0 ? (after - before) / open : 0)")
            // Where it sits: malloc's bytes in use and free-but-resident, before and with the sockets.
            print("BENCH heap_before \(heapBefore.inUseKiB) \(heapBefore.freeKiB) \(heapBefore.mappedKiB)")
            let heapIdle = HeapFigures.now()
            print("BENCH heap_idle \(heapIdle.inUseKiB) \(heapIdle.freeKiB) \(heapIdle.mappedKiB)")
            print("BENCH heap_in_use_bytes_per_socket \(open > 0 ? (heapIdle.inUseKiB - heapBefore.inUseKiB) * 1024 / open : 0)")
            // Then held for HOLD_SECONDS (default 600), the gateway pinging each idle browser socket
            // every 30 s: the gateway's memory once a minute, and the sockets still open at the end.
            let hold = Self.env["HOLD_SECONDS"].flatMap(Int.init) ?? 600
            if hold > 0 {
                var samples: [Int] = []
                let start = ContinuousClock.now
                while ContinuousClock.now - start < .seconds(hold) {
                    try await Task.sleep(for: .seconds(min(60, hold)))
                    samples.append(Self.residentKiB())
                }
                print("BENCH hold_seconds \(hold)")
                print("BENCH hold_rss_kib \(samples.map(String.init).joined(separator: " "))")
                print("BENCH hold_growth_kib \((samples.last ?? after) - after)")
                // After the first ping round: what a socket keeps once it has given back what it
                // does not need while quiet (``ConnectionPages``).
                print("BENCH hold_kib_per_socket \(open > 0 ? ((samples.first ?? after) - before) / open : 0)")
                print("BENCH hold_sockets_end \(gateway.app.atrium.proxyConnections.count)")
            }
            HeapFigures.trim()
            print("BENCH gateway_rss_trimmed_kib \(Self.residentKiB())")
            // SIGKILL: the client inherits this test process's blocked signals, SIGTERM among them,
            // so terminate() left it running and waitUntilExit() waiting (seen in a run).
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try await gateway.stop()
    }

    struct Endpoint: Sendable {
        let port: Int
        let path: String
        let certificate: String
        let headers: [(String, String)]
    }

    /// Round-trip times (µs) of `count` sequential 64-byte echoes on one socket of `group`.
    static func latencies(_ endpoint: Endpoint, count: Int, group: any EventLoopGroup) async throws -> [Int] {
        let payload = ByteBuffer(repeating: 0x41, count: 64)
        let (_, times) = try await TestSocket.open(port: endpoint.port, path: endpoint.path, headers: endpoint.headers,
                                                   trust: endpoint.certificate, group: group) { socket -> [Int] in
            var times: [Int] = []
            times.reserveCapacity(count)
            for _ in 0..<count {
                let start = ContinuousClock.now
                try await socket.send(payload)
                _ = try await socket.receive()
                let elapsed = ContinuousClock.now - start
                times.append(Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000))
            }
            try await socket.close()
            return times
        }
        return try #require(times)
    }

    /// Runs a client script (Debian's python3) until it exits, and returns the first line of its
    /// output that `done` accepts. Its output goes to a file that is polled: reading a Pipe here was
    /// seen to wait until the client exited.
    static func runClient(_ script: String, _ arguments: [String], output: String,
                          done: (String) -> Bool) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["CONNECT_TO": "127.0.0.1"]) { _, new in new }
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(200)) }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).first(where: done) ?? "no result (exit \(process.terminationStatus))"
    }

    static func descriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    /// This process's resident memory (VmRSS) in KiB.
    static func residentKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
