import Foundation
import Gateway
import Testing

/// The cluster proxy's settings: sources, checks, defaults, and the secret kept out of sight.
@Suite struct ClusterConfigurationTests {
    static let secret = "s3cret-s3cret-s3cret-s3cret-s3cret-42"

    @Test func environmentAndFileSetTheClusterSettings() throws {
        let fromEnvironment = try GatewayConfiguration.load(environment: [
            "ATRIUM_CLUSTER_SECRET": Self.secret, "ATRIUM_ADVERTISE_URL": "https://node-a.example:8443", "ATRIUM_CLUSTER_CA": "/etc/atrium/ca.pem",
        ])
        #expect(fromEnvironment.clusterSecret == Self.secret)
        #expect(fromEnvironment.advertisedURL(port: 1) == "https://node-a.example:8443")
        #expect(fromEnvironment.clusterTrustFile == "/etc/atrium/ca.pem")
        for name in ["ATRIUM_CLUSTER_SECRET", "ATRIUM_ADVERTISE_URL", "ATRIUM_CLUSTER_CA"] {
            #expect(GatewayConfiguration.settingDescriptions.contains { $0.environment == name })
        }
        let dir = try TestDirectory()
        defer { dir.remove() }
        let file = dir.path + "/atrium.json"
        try #"{"clusterSecret": "\#(Self.secret)", "advertiseURL": "https://b.example/", "clusterCAFile": "/ca.pem"}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try GatewayConfiguration.load(file: file, environment: [:])
        #expect(fromFile.clusterSecret == Self.secret)
        #expect(fromFile.advertisedURL(port: 1) == "https://b.example")
        #expect(fromFile.clusterCAFile == "/ca.pem")
    }

    @Test func defaultsFollowHostPortAndCertificate() throws {
        var configuration = try GatewayConfiguration.load(environment: ["ATRIUM_DATA": "/srv/a"])
        #expect(configuration.clusterSecret == nil)
        #expect(configuration.advertisedURL(port: 23456) == "https://127.0.0.1:23456")
        #expect(configuration.clusterTrustFile == "/srv/a/tls/cert.pem")
        configuration.tlsCertificatePath = "/etc/atrium/cert.pem"
        #expect(configuration.clusterTrustFile == "/etc/atrium/cert.pem")
    }

    @Test func aPostgresCatalogEndsFrozenTransactionsAfterOneHeartbeat() throws {
        let cluster = try GatewayConfiguration.load(environment: [
            "ATRIUM_DATABASE": "postgres://atrium@db.example/atrium", "ATRIUM_HEARTBEAT": "5", "ATRIUM_NODE": "node-a",
        ]).catalogConfiguration
        #expect(cluster.idleInTransactionTimeout == 5)
        #expect(cluster.applicationName == "atrium node-a")
        let fast = try GatewayConfiguration.load(environment: ["ATRIUM_DATABASE": "postgres://atrium@db.example/atrium", "ATRIUM_HEARTBEAT": "0.25"])
        #expect(fast.catalogConfiguration.idleInTransactionTimeout == 1)
        let embedded = try GatewayConfiguration.load(environment: ["ATRIUM_DATA": "/srv/a"]).catalogConfiguration
        #expect(embedded.idleInTransactionTimeout == nil)
    }

    @Test func aShortSecretOrAPlainURLIsRefusedWithoutShowingTheSecret() throws {
        let short = "too-short-secret"
        do {
            _ = try GatewayConfiguration.load(environment: ["ATRIUM_CLUSTER_SECRET": short])
            Issue.record("a short secret was accepted")
        } catch let error as ConfigurationError {
            #expect(error.reason.contains("at least 32"))
            #expect(!error.description.contains(short))
        }
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_ADVERTISE_URL": "http://b.example"]) }
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_ADVERTISE_URL": "https://b.example/x"]) }
    }

    @Test func theSecretNeverShowsInADescription() throws {
        let configuration = try GatewayConfiguration.load(environment: ["ATRIUM_CLUSTER_SECRET": Self.secret, "ATRIUM_INITIAL_ADMIN_PASSWORD": "pw-xyz"])
        let shown = [configuration.description, "\(configuration)", String(reflecting: configuration), { var s = ""; dump(configuration, to: &s); return s }()]
        for text in shown {
            #expect(!text.contains(Self.secret))
            #expect(!text.contains("pw-xyz"))
        }
        #expect(configuration.description.contains("clusterSecret: <redacted>"))
        let layer = try ConfigurationLayer.environment(["ATRIUM_CLUSTER_SECRET": Self.secret])
        #expect(layer[\.clusterSecret] == .some(Self.secret))
        for text in [layer.description, String(reflecting: layer), { var s = ""; dump(layer, to: &s); return s }()] {
            #expect(!text.contains(Self.secret))
        }
    }
}
