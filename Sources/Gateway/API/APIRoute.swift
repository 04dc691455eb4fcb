import HTTPTypes

/// One API operation: where it lives, who may call it, and what it takes and returns. The router
/// enforces ``access`` and the OpenAPI document is generated from these, so the document and the
/// server cannot drift apart.
public struct APIRoute: Sendable {
    public let method: HTTPRequest.Method
    /// The OpenAPI path template under `/api/v1`, e.g. `/users/{user}`.
    public let path: String
    public let operationId: String
    public let summary: String
    public let tag: String
    public let access: Access
    public var parameters: [APIParameter]
    public var requestBody: APIBody?
    /// Whether a call must send ``requestBody`` (a few take it optionally).
    public var bodyRequired = true
    /// Success status → body (nil for no body). Errors are documented once as problems.
    public var responses: [Int: APIBody?]
    /// Routes that need no CSRF token although they change state (log-on itself).
    public var csrfExempt = false
    /// Whether a session's token (scope `session`) may call it: the case and job routes a
    /// runtime needs, nothing else.
    public var sessionCallable = false

    public init(_ method: HTTPRequest.Method, _ path: String, id operationId: String, tag: String, access: Access,
                summary: String, parameters: [APIParameter] = [], body: APIBody? = nil, responses: [Int: APIBody?]) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.summary = summary
        self.tag = tag
        self.access = access
        self.parameters = parameters
        self.requestBody = body
        self.responses = responses
    }

    /// The full path Hummingbird routes: `/api/v1/users/:user`.
    public var routerPath: String {
        "/api/v1" + path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }

    /// The names of the path's `{parameters}`.
    public var pathParameterNames: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// True for GET and HEAD.
    public var isSafe: Bool { method == .get || method == .head }

    /// Every parameter the document lists and the router checks: a path `{parameter}` not
    /// declared in ``parameters`` is a key of 1-64 characters.
    public var allParameters: [APIParameter] {
        let declared = Set(parameters.map(\.name))
        let implicit = pathParameterNames.filter { !declared.contains($0) }.map {
            APIParameter($0, in: .path, .key, "The \($0)'s id.")
        }
        return implicit + parameters
    }
}
