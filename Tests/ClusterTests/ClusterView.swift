import Foundation

/// `GET /api/v1/cluster` as the spec of the cluster features has it:
/// `{"master": {"node", "token", "since"} | null, "nodes": [{"name", "address", "state" (up|dead|left),
/// "solveSlots", "runningJobs", "dataSessions", "heartbeatAgeSeconds", "startedAt"}]}`.
struct ClusterView: Sendable, CustomStringConvertible {
    struct Master: Sendable, Equatable {
        let node: String
        let token: Int64
    }

    struct Node: Sendable {
        let name: String
        let state: String
        let runningJobs: Int
        let dataSessions: Int
        let heartbeatAgeSeconds: Double
    }

    let master: Master?
    let nodes: [Node]
    let raw: String

    init(_ object: [String: Any]) throws {
        if let master = object["master"] as? [String: Any] {
            guard let node = master["node"] as? String, let token = JSONNumber.int(master["token"]).map(Int64.init) else {
                throw Shell.Failure(command: "cluster view", status: 0, output: "master without node or token: \(object)")
            }
            self.master = Master(node: node, token: token)
        } else {
            master = nil
        }
        guard let nodes = object["nodes"] as? [[String: Any]] else {
            throw Shell.Failure(command: "cluster view", status: 0, output: "no 'nodes' array: \(object)")
        }
        self.nodes = nodes.map { node in
            Node(name: node["name"] as? String ?? "?", state: node["state"] as? String ?? "?",
                 runningJobs: JSONNumber.int(node["runningJobs"]) ?? -1,
                 dataSessions: JSONNumber.int(node["dataSessions"]) ?? -1,
                 heartbeatAgeSeconds: JSONNumber.double(node["heartbeatAgeSeconds"]) ?? -1)
        }
        raw = String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    func node(_ name: String) -> Node? { nodes.first { $0.name == name } }
    var description: String { raw }
}
