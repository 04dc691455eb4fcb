import NIOSSL

/// The certificate and key the HTTPS server presents: the configured ones, or the self-signed
/// pair in the data directory (made on first run).
public struct TLSIdentity: Sendable {
    public let certificatePath: String
    public let keyPath: String
    /// SHA-256 fingerprint of the leaf certificate (colon-separated hex).
    public let fingerprint: String
    /// True when this run generated a new self-signed certificate.
    public let created: Bool
    /// True when the certificate is the generated self-signed one.
    public let selfSigned: Bool

    /// Resolves the identity for a configuration, generating the self-signed pair if needed.
    public static func resolve(_ configuration: GatewayConfiguration) throws -> TLSIdentity {
        if let cert = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath {
            return TLSIdentity(certificatePath: cert, keyPath: key, fingerprint: try SelfSignedCertificate.fingerprint(ofPEMFile: cert),
                               created: false, selfSigned: false)
        }
        let made = try SelfSignedCertificate.ensure(dataDirectory: configuration.dataDirectory, host: configuration.host,
                                                       sessionHost: configuration.sessionHost)
        return TLSIdentity(certificatePath: made.certificate, keyPath: made.key,
                           fingerprint: try SelfSignedCertificate.fingerprint(ofPEMFile: made.certificate),
                           created: made.created, selfSigned: true)
    }

    /// A server TLS configuration with this identity, TLS 1.2 at least.
    public func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        guard !chain.isEmpty else { throw ConfigurationError(source: certificatePath, reason: "no certificate in the file") }
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        return tls
    }
}
