import Catalog
import Foundation
import Hummingbird

/// `/admin/cluster`: the nodes with state, load and heartbeat age, and the current master.
enum PortalClusterPages {
    static func add(_ portal: Portal) {
        portal.page("/admin/cluster", access: .admin) { call in
            let cluster = try await APICluster.load(call.catalog, clustered: call.services.configuration.isCluster)
            let nodes = cluster.nodes.map { node -> [String: Any] in
                var row: [String: Any] = [
                    "name": node.name, "address": node.address, "state": node.state, "master": node.isMaster,
                    "load": "\(node.runningJobs) / \(node.solveSlots) jobs, \(node.dataSessions) sessions",
                    "age": String(format: "%.1f s", node.heartbeatAgeSeconds), "started": PortalFormat.date(node.startedAt),
                ]
                if let reason = node.reason, !reason.isEmpty { row["reason"] = reason }  // an empty string would open the section
                return row
            }
            var values: [String: Any] = ["clustered": cluster.clustered, "nodes": nodes]
            if let master = cluster.master {
                values["master"] = ["node": master.node, "token": master.token, "since": PortalFormat.date(master.since)]
            }
            return PortalView("cluster", title: "Cluster", values)
        }
    }
}
