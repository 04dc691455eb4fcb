import Foundation
import Gateway
import Testing

/// The settings table (`GatewayConfiguration.settings`): every spelling that worked before it still
/// works from each source, the flags are read from it, bad values name their setting and source,
/// and the README's table is the one it generates.
@Suite struct SettingsTableTests {
    /// One setting as users spelled it before the table: JSON key (nil: not in the file), variable,
    /// flag (nil: none), a value as text and as JSON, and what the configuration then holds.
    struct Spelling: Sendable {
        let key: String?
        let variable: String
        let flag: String?
        let text: String
        let json: String
        let holds: @Sendable (GatewayConfiguration) -> Bool
    }

    static let secret = String(repeating: "k", count: 40)

    static let spellings: [Spelling] = [
        Spelling(key: "dataDirectory", variable: "ATRIUM_DATA", flag: "--data", text: "/srv/a", json: #""/srv/a""#) { $0.dataDirectory == "/srv/a" && $0.storePath == "/srv/a/store" },
        Spelling(key: "host", variable: "ATRIUM_HOST", flag: "--host", text: "0.0.0.0", json: #""0.0.0.0""#) { $0.host == "0.0.0.0" },
        Spelling(key: "httpsPort", variable: "ATRIUM_HTTPS_PORT", flag: "--https-port", text: "9443", json: "9443") { $0.httpsPort == 9443 },
        Spelling(key: "httpRedirectPort", variable: "ATRIUM_HTTP_PORT", flag: "--http-port", text: "off", json: #""off""#) { $0.httpRedirectPort == nil },
        Spelling(key: "tlsCertificatePath", variable: "ATRIUM_TLS_CERT", flag: "--tls-cert", text: "/c.pem", json: #""/c.pem""#) { $0.tlsCertificatePath == "/c.pem" },
        Spelling(key: "tlsKeyPath", variable: "ATRIUM_TLS_KEY", flag: "--tls-key", text: "/k.pem", json: #""/k.pem""#) { $0.tlsKeyPath == "/k.pem" },
        Spelling(key: "storePath", variable: "ATRIUM_STORE", flag: "--store", text: "/mnt/s", json: #""/mnt/s""#) { $0.storePath == "/mnt/s" },
        Spelling(key: "logFormat", variable: "ATRIUM_LOG_FORMAT", flag: "--log-format", text: "json", json: #""json""#) { $0.logFormat == .json },
        Spelling(key: "logLevel", variable: "ATRIUM_LOG_LEVEL", flag: "--log-level", text: "debug", json: #""debug""#) { $0.logLevel == .debug },
        Spelling(key: "database", variable: "ATRIUM_DATABASE", flag: "--database", text: "postgres://u@h/d", json: #""postgres://u@h/d""#) { $0.database == "postgres://u@h/d" },
        Spelling(key: "maxUploadBytes", variable: "ATRIUM_MAX_UPLOAD", flag: "--max-upload", text: "500M", json: "524288000") { $0.maxUploadBytes == 500 << 20 },
        Spelling(key: "requestsPerSecond", variable: "ATRIUM_RATE_LIMIT", flag: "--rate-limit", text: "0", json: "0") { $0.requestsPerSecond == 0 },
        Spelling(key: "connectionIdleSeconds", variable: "ATRIUM_CONNECTION_IDLE", flag: nil, text: "90", json: "90") { $0.connections.idleSeconds == 90 },
        Spelling(key: "headerTimeoutSeconds", variable: "ATRIUM_HEADER_TIMEOUT", flag: nil, text: "2.5", json: "2.5") { $0.connections.headerSeconds == 2.5 },
        Spelling(key: "transferIdleSeconds", variable: "ATRIUM_TRANSFER_IDLE", flag: nil, text: "45", json: "45") { $0.connections.transferIdleSeconds == 45 },
        Spelling(key: "transfersPerUser", variable: "ATRIUM_TRANSFERS_PER_USER", flag: nil, text: "4", json: "4") { $0.connections.transfersPerUser == 4 },
        Spelling(key: "bcryptCost", variable: "ATRIUM_BCRYPT_COST", flag: nil, text: "4", json: "4") { $0.bcryptCost == 4 },
        Spelling(key: nil, variable: "ATRIUM_INITIAL_ADMIN_PASSWORD", flag: nil, text: "pw-1", json: "") { $0.initialAdminPassword == "pw-1" },
        Spelling(key: "nodeName", variable: "ATRIUM_NODE", flag: "--node", text: "n-1", json: #""n-1""#) { $0.nodeName == "n-1" },
        Spelling(key: "solveSlots", variable: "ATRIUM_SOLVE_SLOTS", flag: nil, text: "5", json: "5") { $0.solveSlots == 5 },
        Spelling(key: "maxUserJobPriority", variable: "ATRIUM_MAX_USER_JOB_PRIORITY", flag: nil, text: "7", json: "7") { $0.maxUserJobPriority == 7 },
        Spelling(key: "sessionIdleSeconds", variable: "ATRIUM_SESSION_IDLE", flag: nil, text: "61", json: "61") { $0.sessionIdleSeconds == 61 },
        Spelling(key: "reconnectWindowSeconds", variable: "ATRIUM_RECONNECT_WINDOW", flag: nil, text: "62", json: "62") { $0.reconnectWindowSeconds == 62 },
        Spelling(key: "launchTimeoutSeconds", variable: "ATRIUM_LAUNCH_TIMEOUT", flag: nil, text: "63", json: "63") { $0.launchTimeoutSeconds == 63 },
        Spelling(key: "leaseSeconds", variable: "ATRIUM_LEASE", flag: nil, text: "64", json: "64") { $0.leaseSeconds == 64 },
        Spelling(key: "jobPollSeconds", variable: "ATRIUM_JOB_POLL", flag: nil, text: "0.25", json: "0.25") { $0.jobPollSeconds == 0.25 },
        Spelling(key: "keysDirectory", variable: "ATRIUM_KEYS_DIR", flag: nil, text: "/keys", json: #""/keys""#) { $0.keysDirectory == "/keys" },
        Spelling(key: "heartbeatSeconds", variable: "ATRIUM_HEARTBEAT", flag: nil, text: "0.5", json: "0.5") { $0.heartbeatSeconds == 0.5 },
        Spelling(key: "nodeDeadAfterSeconds", variable: "ATRIUM_NODE_DEAD_AFTER", flag: nil, text: "400", json: "400") { $0.nodeDeadAfterSeconds == 400 },
        Spelling(key: "clusterSecret", variable: "ATRIUM_CLUSTER_SECRET", flag: nil, text: secret, json: "\"\(secret)\"") { $0.clusterSecret == secret },
        Spelling(key: "advertiseURL", variable: "ATRIUM_ADVERTISE_URL", flag: nil, text: "https://a.example:1", json: #""https://a.example:1""#) { $0.advertiseURL == "https://a.example:1" },
        Spelling(key: "sessionHost", variable: "ATRIUM_SESSION_HOST", flag: "--session-host", text: "s.example.org", json: #""s.example.org""#) { $0.sessionHost == "s.example.org" },
        Spelling(key: "publicURL", variable: "ATRIUM_PUBLIC_URL", flag: nil, text: "https://p.example:2", json: #""https://p.example:2""#) { $0.publicURL == "https://p.example:2" },
        Spelling(key: "clusterCAFile", variable: "ATRIUM_CLUSTER_CA", flag: nil, text: "/ca.pem", json: #""/ca.pem""#) { $0.clusterCAFile == "/ca.pem" },
        Spelling(key: "gcIntervalSeconds", variable: "ATRIUM_GC_INTERVAL_SECONDS", flag: "--gc-interval", text: "0", json: "0") { $0.gcIntervalSeconds == 0 },
        Spelling(key: "gcGraceSeconds", variable: "ATRIUM_GC_GRACE_SECONDS", flag: "--gc-grace", text: "60", json: "60") { $0.gcGraceSeconds == 60 },
        Spelling(key: "sandbox", variable: "ATRIUM_SANDBOX", flag: "--sandbox", text: "off", json: "false") { !$0.sandbox.enabled },
        Spelling(key: "sandboxBwrap", variable: "ATRIUM_SANDBOX_BWRAP", flag: nil, text: "/opt/bwrap", json: #""/opt/bwrap""#) { $0.sandbox.bwrapPath == "/opt/bwrap" },
        Spelling(key: "sandboxUIDs", variable: "ATRIUM_SANDBOX_UIDS", flag: nil, text: "300000-300099", json: #""300000-300099""#) { $0.sandbox.uidRange == 300_000...300_099 },
        Spelling(key: "sandboxMemory", variable: "ATRIUM_SANDBOX_MEMORY", flag: nil, text: "512M", json: "536870912") { $0.sandbox.memoryBytes == 512 << 20 },
        Spelling(key: "sandboxProcesses", variable: "ATRIUM_SANDBOX_PROCESSES", flag: nil, text: "64", json: "64") { $0.sandbox.processes == 64 },
        Spelling(key: "sandboxSolveCPUSeconds", variable: "ATRIUM_SANDBOX_SOLVE_CPU", flag: nil, text: "600", json: "600") { $0.sandbox.solveCPUSeconds == 600 },
        Spelling(key: "sandboxOpenFiles", variable: "ATRIUM_SANDBOX_OPEN_FILES", flag: nil, text: "256", json: "256") { $0.sandbox.openFiles == 256 },
        Spelling(key: "sandboxFileSize", variable: "ATRIUM_SANDBOX_FILE_SIZE", flag: nil, text: "100M", json: "104857600") { $0.sandbox.fileSizeBytes == 100 << 20 },
        Spelling(key: "sandboxScratchSize", variable: "ATRIUM_SANDBOX_SCRATCH", flag: nil, text: "2G", json: "2147483648") { $0.sandbox.scratchBytes == 2 << 30 },
        Spelling(key: "quotaDataSessions", variable: "ATRIUM_QUOTA_DATA_SESSIONS", flag: nil, text: "7", json: "7") { $0.quotaDefaults.dataSessions == 7 },
        Spelling(key: "quotaJobs", variable: "ATRIUM_QUOTA_JOBS", flag: nil, text: "50", json: "50") { $0.quotaDefaults.jobs == 50 },
        Spelling(key: "quotaStorage", variable: "ATRIUM_QUOTA_STORAGE", flag: nil, text: "3G", json: "3221225472") { $0.quotaDefaults.storageBytes == 3 << 30 },
        Spelling(key: "quotaUpload", variable: "ATRIUM_QUOTA_UPLOAD", flag: nil, text: "500M", json: "524288000") { $0.quotaDefaults.uploadBytes == 500 << 20 },
    ]

    /// The TLS pair must come together: a test of one half sets the other from the same source.
    static func companion(_ spelling: Spelling) -> Spelling? {
        switch spelling.variable {
        case "ATRIUM_TLS_CERT": spellings.first { $0.variable == "ATRIUM_TLS_KEY" }
        case "ATRIUM_TLS_KEY": spellings.first { $0.variable == "ATRIUM_TLS_CERT" }
        default: nil
        }
    }

    @Test(arguments: spellings.map(\.variable))
    func everyOldSpellingStillWorksFromEverySource(variable: String) throws {
        let spelling = try #require(Self.spellings.first { $0.variable == variable })
        let pair = [spelling] + (Self.companion(spelling).map { [$0] } ?? [])
        #expect(!spelling.holds(try GatewayConfiguration.load(environment: [:])), "the sample must differ from the default")

        let fromEnvironment = try GatewayConfiguration.load(environment: Dictionary(uniqueKeysWithValues: pair.map { ($0.variable, $0.text) }))
        #expect(spelling.holds(fromEnvironment), "\(spelling.variable)")

        if let key = spelling.key {
            let dir = try TestDirectory()
            defer { dir.remove() }
            let json = "{" + pair.map { "\"\($0.key!)\": \($0.json)" }.joined(separator: ", ") + "}"
            try json.write(toFile: dir.path + "/atrium.json", atomically: true, encoding: .utf8)
            #expect(spelling.holds(try GatewayConfiguration.load(file: dir.path + "/atrium.json", environment: [:])), "\(key)")
        } else {
            #expect(!GatewayConfiguration.settingDescriptions.contains { $0.environment == variable && $0.readFromFile })
        }

        if let flag = spelling.flag {
            let spaced = try ConfigurationLayer.flags(pair.flatMap { [$0.flag!, $0.text] })
            #expect(spelling.holds(try GatewayConfiguration.load(environment: [:], flags: spaced)), "\(flag) VALUE")
            let joined = try ConfigurationLayer.flags(pair.map { $0.flag! + "=" + $0.text })
            #expect(spelling.holds(try GatewayConfiguration.load(environment: [:], flags: joined)), "\(flag)=VALUE")
        } else {
            #expect(!GatewayConfiguration.settingDescriptions.contains { $0.environment == variable && $0.flag != nil })
        }
    }

    @Test func theTableHasExactlyTheseSettingsEachSpelledOnce() {
        let table = GatewayConfiguration.settingDescriptions
        #expect(table.map(\.environment) == Self.spellings.map(\.variable))
        #expect(Set(table.map(\.name)).count == table.count)
        #expect(Set(table.map(\.environment)).count == table.count)
        #expect(Set(table.compactMap(\.flag)).count == table.compactMap(\.flag).count)
        #expect(table.filter(\.isSecret).allSatisfy { $0.flag == nil }, "a secret on the command line shows in process listings")
        // The effective configuration shows every setting, by name.
        let labels = Mirror(reflecting: GatewayConfiguration()).children.compactMap(\.label)
        #expect(table.allSatisfy { labels.contains($0.name) })
    }

    @Test func defaultsFileEnvironmentFlagsInThatOrderForOneSetting() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        try #"{"requestsPerSecond": 7}"#.write(toFile: dir.path + "/c.json", atomically: true, encoding: .utf8)
        let file = dir.path + "/c.json"
        #expect(try GatewayConfiguration.load(environment: [:]).requestsPerSecond == 100)
        #expect(try GatewayConfiguration.load(file: file, environment: [:]).requestsPerSecond == 7)
        #expect(try GatewayConfiguration.load(file: file, environment: ["ATRIUM_RATE_LIMIT": "8"]).requestsPerSecond == 8)
        let flags = try ConfigurationLayer.flags(["--rate-limit", "9"])
        #expect(try GatewayConfiguration.load(file: file, environment: ["ATRIUM_RATE_LIMIT": "8"], flags: flags).requestsPerSecond == 9)
    }

    @Test func badValuesNameTheSettingAndWhereTheyCameFrom() throws {
        #expect(throws: ConfigurationError(setting: "httpsPort", source: "ATRIUM_HTTPS_PORT", reason: "'70000' is not a port number (0–65535)")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_HTTPS_PORT": "70000"])
        }
        #expect(throws: ConfigurationError(setting: "httpsPort", source: "--https-port", reason: "'x' is not a port number (0–65535)")) {
            try ConfigurationLayer.flags(["--https-port=x"])
        }
        #expect(throws: ConfigurationError(setting: "logLevel", source: "--log-level", reason: "missing value (--log-level L)")) {
            try ConfigurationLayer.flags(["--log-level"])
        }
        #expect(throws: ConfigurationError(source: "--no-such", reason: "unknown option")) { try ConfigurationLayer.flags(["--no-such", "1"]) }
        #expect(throws: ConfigurationError(source: "--bcrypt-cost", reason: "unknown option")) { try ConfigurationLayer.flags(["--bcrypt-cost", "4"]) }

        let dir = try TestDirectory()
        defer { dir.remove() }
        let file = dir.path + "/c.json"
        try #"{"httpsPort": "8443"}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(setting: "httpsPort", source: file + ": httpsPort", reason: "must be a whole number")) {
            try GatewayConfiguration.load(file: file, environment: [:])
        }
        try #"{"solveSlots": true}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(setting: "solveSlots", source: file + ": solveSlots", reason: "must be a whole number")) {
            try GatewayConfiguration.load(file: file, environment: [:])
        }
        try #"{"initialAdminPassword": "pw"}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(source: file + ": initialAdminPassword", reason: "unknown setting")) {
            try GatewayConfiguration.load(file: file, environment: [:])
        }
        let error = ConfigurationError(setting: "httpsPort", source: "ATRIUM_HTTPS_PORT", reason: "bad")
        #expect(error.description == "ATRIUM_HTTPS_PORT (httpsPort): bad")
    }

    @Test func checksAcrossSettingsNameTheSourceOfTheValueAtFault() throws {
        #expect(throws: ConfigurationError(setting: "tlsCertificatePath", source: "ATRIUM_TLS_CERT",
                                           reason: "set without tlsKeyPath: set both the certificate and the key, or neither")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_TLS_CERT": "/c.pem"])
        }
        #expect(throws: ConfigurationError(setting: "httpRedirectPort", source: "--http-port", reason: "the HTTP redirect port equals the HTTPS port 8443")) {
            try GatewayConfiguration.load(environment: [:], flags: ConfigurationLayer.flags(["--http-port", "8443"]))
        }
        #expect(throws: ConfigurationError.self) {
            try GatewayConfiguration.load(environment: ["ATRIUM_HEARTBEAT": "10", "ATRIUM_NODE_DEAD_AFTER": "15"])
        }
    }

    /// The sandbox is on unless a source turns it off; `off` takes the words people use for it; a
    /// uid range with root or the gateway's own uid is refused; the solve CPU limit can be off again.
    @Test func theSandboxIsOnUnlessTurnedOffAndItsValuesAreChecked() throws {
        let defaults = try GatewayConfiguration.load(environment: [:])
        #expect(defaults.sandbox.enabled)
        #expect(defaults.sandbox.solveCPUSeconds == nil)
        for word in ["off", "OFF", "false", "no", "0"] {
            #expect(try !GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX": word]).sandbox.enabled, "\(word)")
        }
        for word in ["on", "true", "yes", "1"] {
            #expect(try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX": word]).sandbox.enabled, "\(word)")
        }
        #expect(throws: ConfigurationError(setting: "sandbox", source: "ATRIUM_SANDBOX", reason: "'maybe' is not on or off")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX": "maybe"])
        }
        #expect(throws: ConfigurationError(setting: "sandboxUIDs", source: "ATRIUM_SANDBOX_UIDS", reason: "'0-100' includes uid 0 (root)")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX_UIDS": "0-100"])
        }
        let own = getuid()
        if own != 0 {
            #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX_UIDS": "\(own)-\(own)"]) }
        }
        #expect(throws: ConfigurationError(setting: "sandboxUIDs", source: "ATRIUM_SANDBOX_UIDS", reason: "'9-1' is not a range of user ids FIRST-LAST")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX_UIDS": "9-1"])
        }
        #expect(throws: ConfigurationError(setting: "sandboxProcesses", source: "ATRIUM_SANDBOX_PROCESSES", reason: "'0' is not a whole number in 1…1000000")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX_PROCESSES": "0"])
        }
        let dir = try TestDirectory()
        defer { dir.remove() }
        let file = dir.path + "/c.json"
        try #"{"sandbox": "sometimes"}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(setting: "sandbox", source: file + ": sandbox", reason: "'sometimes' is not on or off")) {
            try GatewayConfiguration.load(file: file, environment: [:])
        }
        try #"{"sandbox": 0, "sandboxSolveCPUSeconds": 60}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(setting: "sandbox", source: file + ": sandbox", reason: "must be true or false")) {
            try GatewayConfiguration.load(file: file, environment: [:])
        }
        try #"{"sandboxSolveCPUSeconds": 60}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try GatewayConfiguration.load(file: file, environment: [:]).sandbox.solveCPUSeconds == 60)
        #expect(try GatewayConfiguration.load(file: file, environment: ["ATRIUM_SANDBOX_SOLVE_CPU": "off"]).sandbox.solveCPUSeconds == nil)
        // The effective configuration shows them, the sandbox's state in words.
        let shown = try GatewayConfiguration.load(environment: ["ATRIUM_SANDBOX": "off", "ATRIUM_SANDBOX_MEMORY": "3G"]).description
        #expect(shown.contains("sandbox: off") && shown.contains("sandboxMemory: 3G") && shown.contains("sandboxUIDs: 200000-265535"))
    }

    /// README.md holds exactly the generated table between its markers (`scripts/readme-settings`
    /// writes it there).
    @Test func theReadmeTableIsTheGeneratedOne() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = "<!-- settings table: generated by scripts/readme-settings from GatewayConfiguration.settings -->\n"
        let end = "<!-- end of settings table -->"
        let start = try #require(readme.range(of: begin), "README.md has no settings table marker")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<stop.lowerBound]) == GatewayConfiguration.settingsMarkdown,
                "README.md's settings table is stale: run scripts/readme-settings")
    }
}
