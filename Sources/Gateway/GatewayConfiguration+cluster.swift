import Foundation

/// The cluster proxy's settings: the values they default to (their checks are in ``settings``).
extension GatewayConfiguration {
    /// Shortest cluster secret accepted.
    public static let minimumClusterSecretLength = 32

    /// The base URL (no trailing slash) other nodes reach this node at, once the HTTPS server is
    /// bound to `port`: ``advertiseURL``, or `https://<host>:<port>` (the host name for a
    /// wildcard listen address).
    public func advertisedURL(port: Int) -> String {
        if let url = advertiseURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        let name = (host == "0.0.0.0" || host == "::" || host.isEmpty) ? ProcessInfo.processInfo.hostName : host
        return "https://\(name.contains(":") ? "[\(name)]" : name):\(port)"
    }

    /// The PEM file of what this node trusts when it calls another node.
    public var clusterTrustFile: String {
        clusterCAFile ?? tlsCertificatePath ?? SelfSignedCertificate.paths(dataDirectory: dataDirectory).certificate
    }
}
