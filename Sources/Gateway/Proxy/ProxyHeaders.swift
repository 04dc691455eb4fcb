import Foundation
import HTTPTypes
import NIOHTTP1

/// Which headers cross the proxy, each way. The session never sees the caller's log-on cookie or
/// API token; the browser never sees a session's attempt to set the gateway's cookie.
enum ProxyHeaders {
    static let secret = HTTPField.Name("X-Atrium-Proxy-Secret")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!
    static let forwardedPrefix = HTTPField.Name("X-Forwarded-Prefix")!

    /// Hop-by-hop headers (RFC 9110 §7.6.1) plus `Host`, which the client sets for the session.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection",
        "proxy-authenticate", "proxy-authorization", "host",
    ]

    /// True when `name` must not be forwarded either way: hop-by-hop, or named in `Connection`.
    static func isHopByHop(_ name: String, connectionTokens: Set<String>) -> Bool {
        let lower = name.lowercased()
        return hopByHop.contains(lower) || connectionTokens.contains(lower) || lower.hasPrefix("proxy-")
    }

    static func connectionTokens(_ values: some Sequence<String>) -> Set<String> {
        Set(values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }

    /// The caller's headers that may go on: minus hop-by-hop ones, `Authorization`, the gateway's
    /// own cookie, any forwarding, proxy-secret or cluster headers the caller made up.
    static func passable(_ fields: HTTPFields) -> HTTPHeaders {
        let tokens = connectionTokens(fields[values: .connection])
        var headers = HTTPHeaders()
        headers.reserveCapacity(fields.count + 5)
        for field in fields {
            let name = field.name.canonicalName
            if isHopByHop(name, connectionTokens: tokens) || name == "authorization" || name.hasPrefix("x-forwarded-")
                || name == "x-atrium-proxy-secret" || name == "forwarded" || ClusterHeaders.isCluster(name) { continue }
            if name == "cookie" {
                if let kept = withoutSessionCookie(field.value) { headers.add(name: "Cookie", value: kept) }
                continue
            }
            headers.add(name: field.name.rawName, value: field.value)
        }
        return headers
    }

    /// The headers of a request to a session process: the passable ones plus the session's
    /// secret and the `X-Forwarded-*` set.
    static func request(_ fields: HTTPFields, authority: String?, path: ProxyPath, secret: String, remoteAddress: String) -> HTTPHeaders {
        var headers = passable(fields)
        headers.add(name: ProxyHeaders.secret.rawName, value: secret)
        headers.add(name: forwardedFor.rawName, value: remoteAddress)
        headers.add(name: forwardedProto.rawName, value: "https")
        if let authority { headers.add(name: forwardedHost.rawName, value: authority) }
        headers.add(name: forwardedPrefix.rawName, value: path.prefix)
        return headers
    }

    /// The headers of a request forwarded to the node that runs the session: the passable ones
    /// plus the cluster secret, the user this node authenticated and the host the browser asked for.
    static func cluster(_ fields: HTTPFields, authority: String?, secret: String, userId: String) -> HTTPHeaders {
        var headers = passable(fields)
        headers.add(name: ClusterHeaders.auth.rawName, value: secret)
        headers.add(name: ClusterHeaders.user.rawName, value: userId)
        if let authority { headers.add(name: ClusterHeaders.host.rawName, value: authority) }
        return headers
    }

    /// The headers of a WebSocket upgrade made from `headers` (``request(_:authority:path:secret:remoteAddress:)``
    /// or ``cluster(_:authority:secret:userId:)``), minus the WebSocket handshake's own headers and
    /// `Origin` (checked by the gateway), which the proxy's client makes.
    static func upgrade(_ headers: HTTPHeaders) -> HTTPFields {
        var out = HTTPFields()
        for (name, value) in headers {
            let lower = name.lowercased()
            if lower.hasPrefix("sec-websocket-") || lower == "content-length" || lower == "origin" { continue }
            if let field = HTTPField.Name(name) { out.append(HTTPField(name: field, value: value)) }
        }
        return out
    }

    /// The headers of the session's response: minus hop-by-hop ones and any `Set-Cookie` for the
    /// gateway's own cookies.
    static func response(_ headers: HTTPHeaders) -> HTTPFields {
        let tokens = connectionTokens(headers[canonicalForm: "connection"].map(String.init))
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count)
        for (name, value) in headers {
            if isHopByHop(name, connectionTokens: tokens) { continue }
            if name.lowercased() == "set-cookie", setsSessionCookie(value) { continue }
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return fields
    }

    /// The gateway's own cookies: the portal's log-on and a session host's pass.
    static let gatewayCookies: Set<String> = [SessionCookie.name, SessionPassCookie.name]

    /// `value` of a `Cookie` header without the gateway's cookies; nil when nothing is left.
    static func withoutSessionCookie(_ value: String) -> String? {
        let kept = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { pair in
            !pair.isEmpty && !gatewayCookies.contains(pair.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
        }
        return kept.isEmpty ? nil : kept.joined(separator: "; ")
    }

    static func setsSessionCookie(_ value: String) -> Bool {
        gatewayCookies.contains(value.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
    }
}
