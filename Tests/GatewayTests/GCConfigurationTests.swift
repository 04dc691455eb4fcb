import Foundation
import Gateway
import Testing

/// `gcIntervalSeconds` and `gcGraceSeconds` from the defaults, a config file, the environment
/// and the `serve` flags' layer, each overriding the one before.
@Suite struct GCConfigurationTests {
    @Test func defaultsFileEnvironmentAndFlags() throws {
        let defaults = try GatewayConfiguration.load(environment: [:])
        #expect(defaults.gcIntervalSeconds == 3600 && defaults.gcGraceSeconds == 86400)

        let dir = try TestDirectory()
        defer { dir.remove() }
        let file = dir.path + "/atrium.json"
        try Data(#"{"gcIntervalSeconds": 600, "gcGraceSeconds": 7200}"#.utf8).write(to: URL(fileURLWithPath: file))
        let fromFile = try GatewayConfiguration.load(file: file, environment: [:])
        #expect(fromFile.gcIntervalSeconds == 600 && fromFile.gcGraceSeconds == 7200)

        let fromEnvironment = try GatewayConfiguration.load(file: file, environment: ["ATRIUM_GC_INTERVAL_SECONDS": "0",
                                                                                     "ATRIUM_GC_GRACE_SECONDS": "60"])
        #expect(fromEnvironment.gcIntervalSeconds == 0 && fromEnvironment.gcGraceSeconds == 60)

        var flags = ConfigurationLayer(source: .flags)
        flags[\.gcIntervalSeconds] = 1
        flags[\.gcGraceSeconds] = 3
        let fromFlags = try GatewayConfiguration.load(file: file, environment: ["ATRIUM_GC_GRACE_SECONDS": "60"], flags: flags)
        #expect(fromFlags.gcIntervalSeconds == 1 && fromFlags.gcGraceSeconds == 3)
        #expect(fromFlags.description.contains("gcIntervalSeconds: 1") && fromFlags.description.contains("gcGraceSeconds: 3"))
    }

    @Test func negativeOrWordsAreRefusedNamingTheSource() throws {
        #expect(throws: ConfigurationError(setting: "gcGraceSeconds", source: "ATRIUM_GC_GRACE_SECONDS", reason: "'-1' is not a whole number in 0…31536000")) {
            try GatewayConfiguration.load(environment: ["ATRIUM_GC_GRACE_SECONDS": "-1"])
        }
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_GC_INTERVAL_SECONDS": "hourly"]) }
    }
}
