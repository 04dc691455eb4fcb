import Crypto
import Foundation
import NIOSSL
import Store
import X509

/// The certificate the gateway makes for itself on first run when none is configured: a P-256
/// key and a self-signed X.509 certificate for `localhost`, `127.0.0.1`, the configured host and
/// every session's host (`*.<sessionHost>`), valid one year, kept in `<data>/tls/cert.pem` and `<data>/tls/key.pem` (both 0600, the
/// directories 0700) and reused on later runs.
public enum SelfSignedCertificate {
    /// How long a generated certificate is valid.
    public static let validity: TimeInterval = 365 * 24 * 3600

    /// The certificate and key paths inside a data directory.
    public static func paths(dataDirectory: String) -> (certificate: String, key: String) {
        (dataDirectory + "/tls/cert.pem", dataDirectory + "/tls/key.pem")
    }

    /// Returns the paths of the self-signed certificate and key, generating them if either is
    /// missing, or if the certificate is one the gateway made that does not cover the sessions'
    /// hosts (made before they existed, or for another `sessionHost`).
    /// - Returns: the paths and whether they were made just now.
    @discardableResult
    public static func ensure(dataDirectory: String, host: String, sessionHost: String) throws -> (certificate: String, key: String, created: Bool) {
        let (certPath, keyPath) = paths(dataDirectory: dataDirectory)
        let fm = FileManager.default
        if fm.fileExists(atPath: certPath), fm.fileExists(atPath: keyPath), !lacksSessionNames(certPath, sessionHost: sessionHost) {
            return (certPath, keyPath, false)
        }
        // DATA too, when this is the first thing made in it.
        try OwnerOnly.makeDirectories(dataDirectory + "/tls")
        let (certificatePEM, keyPEM) = try generate(host: host, sessionHost: sessionHost)
        // A half of an earlier pair goes (a crash between the two writes below left it).
        for path in [keyPath, certPath] where unlink(path) != 0 && errno != ENOENT {
            throw ConfigurationError(source: path, reason: "cannot replace it: \(String(cString: strerror(errno)))")
        }
        // Created with mode 0600 (open with O_EXCL): never readable by others, not even briefly.
        do {
            try OwnerOnly.createFile(at: keyPath, contents: Array(keyPEM.utf8))
        } catch {
            throw ConfigurationError(source: keyPath, reason: "cannot write the TLS key: \(error)")
        }
        do {
            try OwnerOnly.createFile(at: certPath, contents: Array(certificatePEM.utf8))
        } catch {
            throw ConfigurationError(source: certPath, reason: "cannot write the TLS certificate: \(error)")
        }
        return (certPath, keyPath, true)
    }

    /// Makes a new key and certificate, PEM-encoded.
    public static func generate(host: String, sessionHost: String = "sessions.localhost", now: Date = Date()) throws -> (certificate: String, key: String) {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try DistinguishedName {
            CommonName("localhost")
            OrganizationName(organization)
        }
        var names: [GeneralName] = [.dnsName("localhost"), ipAddress("127.0.0.1")!, .dnsName("*." + sessionHost)]
        if host != "localhost", host != "127.0.0.1", !host.isEmpty, host != "0.0.0.0", host != "::" {
            names.append(ipAddress(host) ?? .dnsName(host))
        }
        // No KeyUsage extension: OpenSSL and BoringSSL treat a certificate as self-issued (and so as
        // its own trust anchor) only if a KeyUsage present allows keyCertSign, which a non-CA
        // certificate must not claim.
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(names)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(validity),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return (try certificate.serializeAsPEM().pemString, try key.serializeAsPEM().pemString)
    }

    /// True when the PEM file holds a certificate this type made (self-signed, "Atrium
    /// (self-signed)") without the name `*.<sessionHost>`. Anything else (an admin's own
    /// certificate, an unreadable file) is false: it is not the gateway's to replace.
    static func lacksSessionNames(_ path: String, sessionHost: String) -> Bool {
        guard let pem = try? String(contentsOfFile: path, encoding: .utf8),
              let certificate = try? Certificate(pemEncoded: pem),
              certificate.issuer == certificate.subject, certificate.subject.description.contains(organization) else { return false }
        let names = (try? certificate.extensions.subjectAlternativeNames) ?? nil
        return !(names?.contains(.dnsName("*." + sessionHost)) ?? false)
    }

    /// The organization named in every certificate this type makes.
    static let organization = "Atrium (self-signed)"

    /// The SHA-256 fingerprint of the first certificate in a PEM file, as colon-separated uppercase hex.
    public static func fingerprint(ofPEMFile path: String) throws -> String {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ConfigurationError(source: path, reason: "cannot read the TLS certificate")
        }
        guard let leaf = try NIOSSLCertificate.fromPEMFile(path).first else {
            throw ConfigurationError(source: path, reason: "no PEM certificate in the file")
        }
        return fingerprint(der: try leaf.toDERBytes())
    }

    /// The SHA-256 fingerprint of DER bytes, as colon-separated uppercase hex (like `openssl x509 -fingerprint -sha256`).
    public static func fingerprint(der: [UInt8]) -> String {
        SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    /// An IP address SAN for an IPv4 or IPv6 literal, or nil when `text` is not one.
    static func ipAddress(_ text: String) -> GeneralName? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return .ipAddress(.init(contentBytes: bytes[...]))
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return .ipAddress(.init(contentBytes: bytes[...]))
        }
        return nil
    }
}
