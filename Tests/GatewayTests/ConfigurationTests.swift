import Foundation
import Gateway
import Testing

@Suite struct ConfigurationTests {
    @Test func defaults() throws {
        let configuration = try GatewayConfiguration.load(environment: [:])
        #expect(configuration == GatewayConfiguration())
        // The default DATA is relative; it is made absolute at load (runtimes run elsewhere).
        let cwd = FileManager.default.currentDirectoryPath
        #expect(configuration.dataDirectory == cwd + "/atrium-data")
        #expect(configuration.storePath == cwd + "/atrium-data/store")
        #expect(configuration.database == cwd + "/atrium-data/catalog.sqlite")
        #expect(configuration.keysDirectory == cwd + "/atrium-data/keys")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.httpsPort == 8443)
        #expect(configuration.httpRedirectPort == 8080)
        #expect(configuration.tlsCertificatePath == nil)
        #expect(configuration.logFormat == .text)
        #expect(configuration.logLevel == .info)
        #expect(configuration.portalURL == "https://127.0.0.1:8443/")
    }

    @Test func everyPathIsAbsoluteAtLoad() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let configuration = try GatewayConfiguration.load(
            environment: ["ATRIUM_DATA": "rel/../data-x", "ATRIUM_TLS_CERT": "c.pem", "ATRIUM_TLS_KEY": "./k.pem"])
        #expect(configuration.dataDirectory == cwd + "/data-x")
        #expect(configuration.storePath == cwd + "/data-x/store")
        #expect(configuration.database == cwd + "/data-x/catalog.sqlite")
        #expect(configuration.tlsCertificatePath == cwd + "/c.pem")
        #expect(configuration.tlsKeyPath == cwd + "/k.pem")
        let postgres = try GatewayConfiguration.load(environment: ["ATRIUM_DATABASE": "postgres://u:p@127.0.0.1:1/db"])
        #expect(postgres.database == "postgres://u:p@127.0.0.1:1/db")
    }

    @Test func fileThenEnvironmentThenFlags() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let file = dir.path + "/atrium.json"
        try #"{"dataDirectory": "/srv/atrium", "host": "0.0.0.0", "httpsPort": 9443, "httpRedirectPort": "off", "logFormat": "json"}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(
            file: file,
            environment: ["ATRIUM_HTTPS_PORT": "10443", "ATRIUM_LOG_LEVEL": "debug", "ATRIUM_HOST": ""],
            flags: try ConfigurationLayer.flags(["--https-port", "11443"])
        )
        #expect(configuration.dataDirectory == "/srv/atrium")
        #expect(configuration.storePath == "/srv/atrium/store")
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.httpsPort == 11443)
        #expect(configuration.httpRedirectPort == nil)
        #expect(configuration.logFormat == .json)
        #expect(configuration.logLevel == .debug)
    }

    @Test func environmentStoreAndRedirectPort() throws {
        let configuration = try GatewayConfiguration.load(environment: [
            "ATRIUM_DATA": "/d", "ATRIUM_STORE": "/mnt/share/store", "ATRIUM_HTTP_PORT": "8081",
            "ATRIUM_TLS_CERT": "/c.pem", "ATRIUM_TLS_KEY": "/k.pem", "ATRIUM_LOG_FORMAT": "JSON",
        ])
        #expect(configuration.storePath == "/mnt/share/store")
        #expect(configuration.httpRedirectPort == 8081)
        #expect(configuration.tlsCertificatePath == "/c.pem")
        #expect(configuration.tlsKeyPath == "/k.pem")
        #expect(configuration.logFormat == .json)
    }

    @Test func badValuesAreRefusedWithTheirSource() throws {
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_HTTPS_PORT": "70000"]) }
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_LOG_LEVEL": "loud"]) }
        #expect(throws: ConfigurationError.self) { try GatewayConfiguration.load(environment: ["ATRIUM_TLS_CERT": "/c.pem"]) }
        let dir = try TestDirectory()
        defer { dir.remove() }
        try #"{"hots": "x"}"#.write(toFile: dir.path + "/c.json", atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError(source: dir.path + "/c.json: hots", reason: "unknown setting")) {
            try GatewayConfiguration.load(file: dir.path + "/c.json", environment: [:])
        }
    }

    @Test func selfSignedCertificateIsMadeOnceAndReused() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        let configuration = GatewayConfiguration(dataDirectory: dir.path, host: "10.1.2.3")
        let first = try TLSIdentity.resolve(configuration)
        let second = try TLSIdentity.resolve(configuration)
        #expect(first.created && !second.created)
        #expect(first.selfSigned)
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.fingerprint.count == 32 * 3 - 1)
        _ = try second.serverConfiguration()
    }

    @Test func redirectLocation() {
        #expect(RedirectResponder.location(authority: "example.org:8080", target: "/a?b=c", fallbackHost: "127.0.0.1", httpsPort: 8443)
            == "https://example.org:8443/a?b=c")
        #expect(RedirectResponder.location(authority: nil, target: "/", fallbackHost: "127.0.0.1", httpsPort: 443) == "https://127.0.0.1/")
        #expect(RedirectResponder.location(authority: "[::1]:80", target: "/x", fallbackHost: "::1", httpsPort: 8443) == "https://[::1]:8443/x")
        #expect(RedirectResponder.location(authority: "evil.org/@x", target: "/x", fallbackHost: "h", httpsPort: 8443) == "https://h:8443/x")
    }
}
