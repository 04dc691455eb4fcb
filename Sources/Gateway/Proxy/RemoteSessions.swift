import Catalog
import Hummingbird
import Logging

/// Finds the node that runs a data session this node does not (DESIGN §4: the proxy reaches a
/// session "on any node of the cluster"). The catalog's `data_sessions` row names the owner and
/// the node; `nodeAddress` turns a node's name into its HTTPS base URL.
///
/// - not the caller's (or no such row), or ended for an ordinary reason, or on this very node
///   (live here would be in the ``Sessions/ProxyDirectory``; a forwarded request never goes on):
///   the proxy's usual 404;
/// - ended because its node was lost (`end_reason` starts with `lost`), or on a node whose
///   address is unknown: 410 Gone, "This session ended: its node stopped answering…";
/// - on another node while this node has no cluster secret: 503 that says so.
struct RemoteSessions: Sendable {
    /// Resolves a node's name to its base URL (`https://host:port`), nil when unknown.
    typealias NodeAddress = @Sendable (_ node: String) async throws -> String?

    let catalog: Catalog
    let localNode: String
    let clusterSecret: String?
    let nodeAddress: NodeAddress

    static let goneDetail = "This session ended: its node stopped answering. Launch the app again."
    static let gone = Problem(status: .gone, detail: goneDetail)
    static let noSecret = Problem(status: .serviceUnavailable,
                                  detail: "This session runs on another node of the cluster, and this node cannot forward to it: "
                                      + "no cluster secret is configured (ATRIUM_CLUSTER_SECRET).")

    /// The node to forward `session` to for `userId`, or the problem to answer with.
    func locate(session: String, userId: String, logger: Logger) async throws -> RemoteTarget {
        guard let record = try await catalog.dataSession(id: session), record.userId == userId else { throw ProxyAccess.notFound }
        if record.state == .ended {
            throw record.endReason?.hasPrefix("lost") == true ? Self.gone : ProxyAccess.notFound
        }
        guard record.node != localNode else { throw ProxyAccess.notFound }
        guard clusterSecret != nil else {
            logger.error("cannot forward to a session of another node: no cluster secret is configured",
                         metadata: ["session": "\(session)", "node": "\(record.node)"])
            throw Self.noSecret
        }
        guard let address = try await nodeAddress(record.node), !address.isEmpty else {
            logger.warning("the node of a session has no known address", metadata: ["session": "\(session)", "node": "\(record.node)"])
            throw Self.gone
        }
        guard address.lowercased().hasPrefix("https://") else {
            // Sessions' traffic crosses the network between nodes over HTTPS only.
            logger.error("the node of a session has an address that is not https://", metadata: ["node": "\(record.node)"])
            throw Problem(status: .badGateway, detail: "The session's node cannot be reached.")
        }
        return RemoteTarget(sessionId: session, node: record.node, authority: String(address.dropFirst("https://".count)), userId: userId)
    }
}
