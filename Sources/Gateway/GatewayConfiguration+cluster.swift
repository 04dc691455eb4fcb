import Foundation

/// The cluster proxy's settings: checks, and the values they default to.
extension GatewayConfiguration {
    /// Shortest cluster secret accepted.
    public static let minimumClusterSecretLength = 32

    /// Refuses a short cluster secret (without showing it) and an advertise URL that is not a
    /// bare `https://host[:port]` base.
    func validateCluster() throws {
        if let secret = clusterSecret, secret.count < Self.minimumClusterSecretLength {
            throw ConfigurationError(source: "clusterSecret (ATRIUM_CLUSTER_SECRET)",
                                     reason: "must be at least \(Self.minimumClusterSecretLength) characters (it has \(secret.count))")
        }
        if let url = advertiseURL {
            guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "https", let host = parts.host, !host.isEmpty,
                  parts.path.isEmpty || parts.path == "/", parts.query == nil, parts.fragment == nil, parts.user == nil else {
                throw ConfigurationError(source: "advertiseURL (ATRIUM_ADVERTISE_URL)", reason: "'\(url)' is not an https://host[:port] URL")
            }
        }
    }

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
