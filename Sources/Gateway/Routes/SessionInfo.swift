/// Who is logged on, and (for a portal session) the CSRF token state-changing calls must send.
struct SessionInfo: Encodable {
    let user: APIUser
    let csrfToken: String?
    let authenticatedBy: String

    init(_ identity: Identity) {
        self.user = APIUser(identity.user)
        switch identity.method {
        case .session(_, let csrf):
            self.csrfToken = csrf
            self.authenticatedBy = "session"
        case .token, .cluster: // a cluster identity never reaches the API (accepted on /s/ only)
            self.csrfToken = nil
            self.authenticatedBy = "token"
        }
    }

    static let schema: JSONValue = .objectSchema([
        "user": .ref("User"), "csrfToken": .stringSchema,
        "authenticatedBy": ["type": "string", "enum": ["session", "token"]],
    ], optional: ["csrfToken"])
}
