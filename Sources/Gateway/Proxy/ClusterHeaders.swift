import HTTPTypes
import Hummingbird

/// The headers one node sends another when it forwards a session's traffic: the shared cluster
/// secret and the user the forwarding node authenticated. A browser never gets to send them: every
/// `X-Atrium-Cluster-*` header is taken off an incoming request before anything reads it.
enum ClusterHeaders {
    static let auth = HTTPField.Name("X-Atrium-Cluster-Auth")!
    static let user = HTTPField.Name("X-Atrium-Cluster-User")!
    /// The host the browser asked the forwarding node for (the session sees it as `X-Forwarded-Host`).
    static let host = HTTPField.Name("X-Atrium-Cluster-Host")!
    static let prefix = "x-atrium-cluster-"

    /// True for a header name of the cluster's own family (case-insensitive).
    static func isCluster(_ name: String) -> Bool {
        name.lowercased().hasPrefix(prefix)
    }

    /// `fields` without any `X-Atrium-Cluster-*` header.
    static func stripped(_ fields: HTTPFields) -> HTTPFields {
        var kept = HTTPFields()
        kept.reserveCapacity(fields.count)
        for field in fields where !isCluster(field.name.canonicalName) { kept.append(field) }
        return kept
    }

    /// True when `request` carries any `X-Atrium-Cluster-*` header.
    static func present(in fields: HTTPFields) -> Bool {
        fields.contains { isCluster($0.name.canonicalName) }
    }

    /// `request` with every `X-Atrium-Cluster-*` header removed, the body untouched.
    static func stripping(_ request: Request) -> Request {
        var head = request.head
        head.headerFields = stripped(request.headers)
        return Request(head: head, body: request.body)
    }

    /// Whether `sent` is the configured cluster secret, compared in constant time; never true
    /// when no secret is configured.
    static func accepts(_ sent: String, secret: String?) -> Bool {
        guard let secret, !secret.isEmpty else { return false }
        return constantTimeEqual(sent, secret)
    }
}
