import Sessions

/// Where a `/s/{session}/…` request goes: a session process of this node, or the node that runs
/// the session.
enum ProxyRoute: Sendable {
    case local(ProxyTarget)
    case remote(RemoteTarget)

    var sessionId: String {
        switch self {
        case .local(let target): target.sessionId
        case .remote(let target): target.sessionId
        }
    }
}
