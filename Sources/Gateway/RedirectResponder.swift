import Hummingbird

/// Answers every plain-HTTP request with `308 Permanent Redirect` to the same path and query over
/// HTTPS. The host comes from the request's `Host` header (its port dropped), else the configured host.
public struct RedirectResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let fallbackHost: String
    let httpsPort: Int

    public init(fallbackHost: String, httpsPort: Int) {
        self.fallbackHost = fallbackHost
        self.httpsPort = httpsPort
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let location = Self.location(authority: request.head.authority, target: request.uri.description,
                                     fallbackHost: fallbackHost, httpsPort: httpsPort)
        return Response(status: .permanentRedirect, headers: [.location: location, .contentLength: "0"])
    }

    /// The `https://` URL for a request target.
    public static func location(authority: String?, target: String, fallbackHost: String, httpsPort: Int) -> String {
        var host = fallbackHost.contains(":") ? "[\(fallbackHost)]" : fallbackHost
        if let authority, !authority.isEmpty, isPlausibleAuthority(authority) {
            if authority.hasPrefix("[") {
                host = String(authority[...(authority.firstIndex(of: "]") ?? authority.index(before: authority.endIndex))])
            } else {
                host = String(authority.split(separator: ":", maxSplits: 1).first ?? Substring(fallbackHost))
            }
        }
        let port = httpsPort == 443 ? "" : ":\(httpsPort)"
        let path = target.hasPrefix("/") ? target : "/" + target
        return "https://\(host)\(port)\(path)"
    }

    /// A Host header made of host characters only: nothing that could turn the Location into another URL.
    static func isPlausibleAuthority(_ text: String) -> Bool {
        text.utf8.count <= 255 && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-.:[]".unicodeScalars.contains($0)
        }
    }
}
