import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real cluster for one test: its own PostgreSQL (scripts/pg-up), a store directory on the SMB
/// share (`ATRIUM_TEST_SMB_ROOT`), one certificate, keys directory and cluster secret shared by
/// N `atrium serve` processes named a, b, c… Node a starts first with `--demo` (the fixture
/// runtime and app, Fixtures/README.md), then the others. `with` always stops every process,
/// the runtimes they started (also orphaned ones) and PostgreSQL, and prints the nodes' logs
/// when the test failed.
final class ClusterHarness: @unchecked Sendable {
    static let adminPassword = "cluster-admin-password-1"

    let root: String
    let settings: ClusterSettings
    /// The directory the fixture runtime writes `double.log` and `starts.log` into.
    let shared: String
    let keys: String
    let store: String
    let demo: String
    let certificate: String
    let postgres: ClusterPostgres
    let api: ClusterAPI
    private(set) var nodes: [ClusterNode] = []
    private let failures = Failures()
    private let paused = PausedNodes()

    /// Runs `body` against a fresh cluster and cleans everything up afterwards.
    static func with(_ settings: ClusterSettings = ClusterSettings(), _ body: (ClusterHarness) async throws -> Void) async throws {
        let cluster = try ClusterHarness(settings: settings)
        do {
            try await cluster.startAll()
            try await body(cluster)
        } catch {
            cluster.failures.mark()
            print("cluster test failed: \(error)")
            await cluster.tearDown()
            throw error
        }
        await cluster.tearDown()
    }

    private init(settings: ClusterSettings) throws {
        self.settings = settings
        var template = Array((NSTemporaryDirectory() + "atrium-cluster-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw POSIXError(.EIO) }
        let root = String(cString: made)
        // traversable (not listable) for the unprivileged user PostgreSQL runs as
        chmod(root, 0o711)
        let shared = root + "/shared", keys = root + "/keys", demo = root + "/demo"
        let files = FileManager.default
        try files.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try files.createDirectory(atPath: keys, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try files.createDirectory(atPath: root + "/logs", withIntermediateDirectories: true)
        try ClusterFiles.makeDemo(at: demo, shared: shared)
        let certificate = try ClusterFiles.makeCertificate(in: root).certificate
        let store = try ClusterFiles.storeRoot(fallback: root + "/store") + "/store"
        let api = try ClusterAPI(certificate: certificate)
        let postgres = try ClusterPostgres.start(in: root + "/pg")
        self.root = root
        self.shared = shared
        self.keys = keys
        self.demo = demo
        self.certificate = certificate
        self.store = store
        self.postgres = postgres
        self.api = api
        do {
            try makeNodes()
        } catch {
            try? postgres.stop()
            throw error
        }
    }

    private func makeNodes() throws {
        let files = FileManager.default
        let secret = (0..<4).map { _ in UUID().uuidString.replacingOccurrences(of: "-", with: "") }.joined()
        var taken: Set<Int> = [postgres.port]
        for name in settings.nodes {
            let port = try Ports.free(avoiding: taken)
            taken.insert(port)
            let data = root + "/nodes/" + name
            try files.createDirectory(atPath: data, withIntermediateDirectories: true)
            // Today's code keeps app keys (and the demo key) in DATA/keys: point it at the shared
            // directory, which ATRIUM_KEYS_DIR names for the cluster features.
            try files.createSymbolicLink(atPath: data + "/keys", withDestinationPath: keys)
            var environment = settings.environment
            let own: [String: String] = [
                "ATRIUM_DATA": data, "ATRIUM_NODE": name, "ATRIUM_HOST": "127.0.0.1", "ATRIUM_HTTPS_PORT": String(port),
                "ATRIUM_HTTP_PORT": "off", "ATRIUM_TLS_CERT": certificate, "ATRIUM_TLS_KEY": root + "/key.pem",
                "ATRIUM_STORE": store, "ATRIUM_DATABASE": postgres.url, "ATRIUM_SOLVE_SLOTS": String(settings.solveSlots),
                "ATRIUM_LEASE": String(settings.lease), "ATRIUM_INITIAL_ADMIN_PASSWORD": Self.adminPassword,
                "ATRIUM_BCRYPT_COST": "4", "ATRIUM_RATE_LIMIT": "0", "ATRIUM_LOG_LEVEL": "info",
                "ATRIUM_HEARTBEAT": settings.heartbeat, "ATRIUM_NODE_DEAD_AFTER": settings.deadAfter, "ATRIUM_KEYS_DIR": keys,
                "ATRIUM_ADVERTISE_URL": "https://localhost:\(port)", "ATRIUM_CLUSTER_SECRET": secret,
                "ATRIUM_CLUSTER_CA": certificate,
                // The fixture runtime does on purpose what the sandbox forbids: it reads its node's
                // name from the gateway's /proc/<pid>/environ, takes a flock in a host directory the
                // nodes share (the check that no job runs twice) and kill -9s its own node. These
                // tests are about failover; isolation is SandboxContainmentTests' and SandboxTests'.
                "ATRIUM_SANDBOX": "off",
            ]
            environment.merge(own) { _, new in new }
            nodes.append(ClusterNode(name: name, port: port, dataDirectory: data, logFile: root + "/logs/\(name).log",
                                     environment: environment, arguments: name == settings.nodes.first ? ["--demo", demo] : []))
        }
    }

    private func startAll() async throws {
        for node in nodes {
            try node.start()
            try await waitUntilReady(node)
            if node === nodes.first {
                try await api.logOn(node.baseURL, name: "admin", password: Self.adminPassword)
                // Unlicensed, the whole cluster runs 2 solves at once; sign a roomier license with the demo key
                // (before b and c start, so no node ever holds other limits in its license cache).
                try ClusterFiles.makeLicense(keysDirectory: keys, output: root + "/cluster.atlic", dataSessions: settings.dataSessionSeats)
                try await api.installLicense(node.baseURL, file: root + "/cluster.atlic")
            }
        }
    }

    func node(_ name: String) -> ClusterNode {
        guard let node = nodes.first(where: { $0.name == name }) else { fatalError("no node \(name)") }
        return node
    }

    /// The base URL of some running node other than those in `except`.
    func survivor(except: Set<String> = []) -> String {
        let stopped = paused.names
        return nodes.first { !except.contains($0.name) && !stopped.contains($0.name) && $0.isRunning }?.baseURL ?? nodes[0].baseURL
    }

    func waitUntilReady(_ node: ClusterNode, seconds: Double = 180) async throws {
        try await eventually("node \(node.name) answers /readyz", seconds: seconds) {
            guard node.isRunning else { throw Shell.Failure(command: "node \(node.name)", status: 1, output: "exited:\n" + node.logTail()) }
            return (try? await self.api.call(node.baseURL, .GET, "/readyz", bearer: false, timeout: .seconds(5)).status) == 200
        }
    }

    // MARK: what happens to nodes

    /// `kill -9` of the node process (its runtimes are not signalled).
    func kill9(_ name: String) async {
        node(name).signal(SIGKILL)
        _ = await node(name).waitForExit(seconds: 10)
    }

    /// SIGSTOP to the node process only: it freezes as in a long pause; its runtimes keep running.
    func stop(_ name: String) {
        paused.insert(name)
        node(name).signal(SIGSTOP)
    }

    func resume(_ name: String) {
        node(name).signal(SIGCONT)
        paused.remove(name)
    }

    /// Starts a node again (stopping it first with SIGTERM, then SIGKILL, if it still runs).
    func restart(_ name: String) async throws {
        let node = node(name)
        if node.isRunning {
            resume(name)
            node.signal(SIGTERM)
            if !(await node.waitForExit(seconds: 30)) {
                node.signal(SIGKILL)
                _ = await node.waitForExit(seconds: 10)
            }
        }
        try node.start()
        try await waitUntilReady(node)
    }

    // MARK: checks

    /// Records a failed expectation (and that the logs should be printed).
    func expect(_ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !condition else { return }
        failures.mark()
        Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation)
    }

    /// Polls `condition` (every `poll` seconds) until it holds; throws after `seconds`.
    func eventually(_ what: String, seconds: Double, poll: Double = 0.25, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if try await condition() { return }
            guard Date() < deadline else {
                failures.mark()
                throw Shell.Failure(command: "waiting \(Int(seconds)) s until \(what)", status: 0, output: "timed out")
            }
            try await Task.sleep(for: .milliseconds(Int(poll * 1000)))
        }
    }

    /// `double.log`: one line per attempt that found its job already running.
    var doubles: String { (try? String(contentsOfFile: shared + "/double.log", encoding: .utf8)) ?? "" }

    /// `starts.log` lines: `start|end|kill <job> <node> <time>`.
    var starts: [[String]] {
        let text = (try? String(contentsOfFile: shared + "/starts.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    }

    // MARK: clean-up

    private func tearDown() async {
        if failures.marked {
            for node in nodes {
                print("===== node \(node.name) (\(node.logFile)), last lines =====\n\(node.logTail(80))")
            }
            print("===== starts.log =====\n\(starts.map { $0.joined(separator: " ") }.suffix(60).joined(separator: "\n"))")
            print("===== double.log =====\n\(doubles)")
        }
        for node in nodes where node.isRunning {
            node.signal(SIGCONT)
            node.signal(SIGTERM)
        }
        for node in nodes where !(await node.waitForExit(seconds: 20)) {
            node.signal(SIGKILL)
            _ = await node.waitForExit(seconds: 10)
        }
        // Runtimes left behind (a killed node's orphans): everything whose environment names this root.
        for pid in ClusterFiles.processes(mentioning: root) { kill(pid, SIGKILL) }
        do { try postgres.stop() } catch { print("cluster: pg-down failed: \(error)") }
        await api.shutdown()
        if failures.marked || ProcessInfo.processInfo.environment["ATRIUM_KEEP_CLUSTER"] == "1" {
            print("cluster: left \(root) for inspection")
        } else {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: (store as NSString).deletingLastPathComponent)
        }
    }
}
