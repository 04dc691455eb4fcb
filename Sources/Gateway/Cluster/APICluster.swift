import Catalog
import Foundation

/// The cluster: its master (nil while none holds a live lease, or on the embedded single-node
/// default) and its nodes.
struct APICluster: Encodable, Sendable {
    struct Master: Encodable, Sendable {
        let node: String
        /// The fencing token every master decision carries; it grows with each new master.
        let token: Int64
        let since: Date
        let leaseUntil: Date
    }

    /// True on PostgreSQL (nodes heartbeat and elect a master); false on the embedded SQLite default.
    let clustered: Bool
    let master: Master?
    let nodes: [APINode]

    static func load(_ catalog: Catalog, clustered: Bool, now: Date = Date()) async throws -> APICluster {
        let lease = try await catalog.currentMaster(now: now)
        let nodes = try await catalog.listNodes()
        return APICluster(clustered: clustered,
                          master: lease.map { Master(node: $0.node, token: $0.token, since: $0.since, leaseUntil: $0.leaseUntil) },
                          nodes: nodes.map { APINode($0, master: lease?.node, now: now) })
    }

    static let masterSchema: JSONValue = .objectSchema([
        "node": .stringSchema, "token": .integerSchema, "since": .dateSchema, "leaseUntil": .dateSchema,
    ])

    static let schema: JSONValue = .objectSchema([
        "clustered": ["type": "boolean"],
        "master": ["allOf": [.ref("ClusterMaster")], "nullable": true],
        "nodes": ["type": "array", "items": .ref("Node")],
    ], optional: ["master"])
}
