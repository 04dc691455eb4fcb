import Foundation
import Gateway
import Testing
import TestSupport

/// The self-signed first-run certificate covers every session's host, as OpenSSL checks a name
/// (`openssl verify -verify_hostname`, the certificate as its own trust anchor); one made before
/// session hosts existed, or for another `sessionHost`, is made again, and an admin's is kept.
@Suite struct SessionCertificateTests {
    /// `openssl verify`'s verdict on `certificate` for the host name `name`.
    static func verifies(_ certificate: String, for name: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["verify", "-CAfile", certificate, "-verify_hostname", name, certificate]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "openssl is not installed"))
    func theFirstRunCertificateCoversTheSessionsHosts() throws {
        let dir = try TestDirectory()
        defer { dir.remove() }
        var configuration = GatewayConfiguration(dataDirectory: dir.path)
        let made = try TLSIdentity.resolve(configuration)
        #expect(try Self.verifies(made.certificatePath, for: "0123456789abcdef01234567.sessions.localhost"))
        #expect(try Self.verifies(made.certificatePath, for: "localhost"))
        #expect(try !Self.verifies(made.certificatePath, for: "a.b.sessions.localhost"), "a wildcard covers one label")
        #expect(try !Self.verifies(made.certificatePath, for: "evil.example"))

        // An older certificate without the sessions' names is made again, once.
        let old = try SelfSignedCertificate.generate(host: "127.0.0.1", sessionHost: "elsewhere.localhost")
        try old.certificate.write(toFile: made.certificatePath, atomically: true, encoding: .utf8)
        try old.key.write(toFile: made.keyPath, atomically: true, encoding: .utf8)
        let renewed = try TLSIdentity.resolve(configuration)
        #expect(renewed.created)
        #expect(try Self.verifies(renewed.certificatePath, for: "s1.sessions.localhost"))
        #expect(try !TLSIdentity.resolve(configuration).created)

        // Another sessionHost: made for it.
        configuration.sessionHost = "sessions.example.test"
        let other = try TLSIdentity.resolve(configuration)
        #expect(other.created)
        #expect(try Self.verifies(other.certificatePath, for: "s1.sessions.example.test"))

        // A certificate the gateway did not make is not its to replace.
        let admin = try TestDirectory()
        defer { admin.remove() }
        try FileManager.default.createDirectory(atPath: admin.path + "/tls", withIntermediateDirectories: true)
        let paths = SelfSignedCertificate.paths(dataDirectory: admin.path)
        try Self.foreignCertificate(certificate: paths.certificate, key: paths.key)
        let kept = try TLSIdentity.resolve(GatewayConfiguration(dataDirectory: admin.path))
        #expect(!kept.created)
    }

    /// A self-signed certificate for `admin.example` that OpenSSL makes (not the gateway).
    static func foreignCertificate(certificate: String, key: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                             "-subj", "/CN=admin.example", "-keyout", key, "-out", certificate]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
