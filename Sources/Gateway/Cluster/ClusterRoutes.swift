import Catalog
import Foundation
import Hummingbird

/// `GET /api/v1/cluster` (admins): the nodes with their state, load and heartbeat age, and the
/// current master with its fencing token.
enum ClusterRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        let clustered = api.services.configuration.isCluster
        api.schema("Node", APINode.schema)
        api.schema("ClusterMaster", APICluster.masterSchema)
        api.schema("Cluster", APICluster.schema)
        api.add(APIRoute(.get, "/cluster", id: "getCluster", tag: "cluster", access: .admin,
                         summary: "The cluster's nodes (state, load, heartbeat age) and its current master.",
                         responses: [200: .json(.ref("Cluster"))])) { _, _ in
            try Response.json(try await APICluster.load(catalog, clustered: clustered))
        }
    }
}
