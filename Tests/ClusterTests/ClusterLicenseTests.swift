import Foundation
import Testing

extension ClusterBehaviourTests {
    /// One launch as it ended: the node it was sent to and the reply (or why there was none).
    private struct Launch: Sendable {
        let node: String
        let reply: ClusterAPI.Reply?
        let error: String?
    }

    /// A license for 4 concurrent data sessions holds across the nodes: of 24 launches at once,
    /// 8 on each node, exactly 4 get a session and 20 a 429 naming the limit, with Retry-After.
    /// Every node reports the 4 seats in use. Each session stopped through another node than
    /// its own ends there; then the seats are free and a new launch succeeds.
    @Test func licenseSeatsHoldAcrossNodes() async throws {
        var settings = ClusterSettings()
        settings.dataSessionSeats = 4
        try await ClusterHarness.with(settings) { cluster in
            let nodes = cluster.nodes
            let fired = Date()
            let launches = await withTaskGroup(of: Launch.self) { group in
                for index in 0..<24 {
                    let node = nodes[index % nodes.count]
                    group.addTask {
                        do {
                            return Launch(node: node.name, reply: try await cluster.api.launchSession(node.baseURL), error: nil)
                        } catch {
                            return Launch(node: node.name, reply: nil, error: "\(error)")
                        }
                    }
                }
                var all: [Launch] = []
                for await launch in group { all.append(launch) }
                return all
            }
            let failed = launches.filter { $0.reply == nil }
            cluster.expect(failed.isEmpty, "launches without an answer: \(failed.map { "\($0.node): \($0.error ?? "")" })")
            let started = launches.filter { $0.reply?.status == 201 || $0.reply?.status == 200 }
            let refused = launches.filter { $0.reply?.status == 429 }
            let other = launches.filter { ![200, 201, 429].contains($0.reply?.status ?? 0) && $0.reply != nil }
            print("license: started \(started.map(\.node).sorted()), refused \(refused.count), other \(other.count); "
                  + "all answered after \(String(format: "%.2f", Date().timeIntervalSince(fired))) s")
            cluster.expect(started.count == 4, "\(started.count) of 24 launches got a session, not 4")
            cluster.expect(refused.count == 20, "\(refused.count) of 24 launches got 429, not 20")
            cluster.expect(other.isEmpty, "other answers: \(other.map { "\($0.node): \($0.reply!.status) \($0.reply!.text.prefix(300))" })")
            for launch in refused {
                let reply = launch.reply!
                let retryAfter = reply.headers.first(name: "Retry-After") ?? ""
                cluster.expect(Int(retryAfter).map { $0 > 0 } ?? false, "429 from \(launch.node) has Retry-After '\(retryAfter)'")
                let type = reply.headers.first(name: "Content-Type") ?? ""
                cluster.expect(type.hasPrefix("application/problem+json"), "429 from \(launch.node) is \(type)")
                let detail = (try? reply.object())?["detail"] as? String ?? ""
                cluster.expect(detail.contains("4") && detail.contains("data-session"),
                               "429 from \(launch.node) does not name the limit of 4 data sessions: \(reply.text.prefix(300))")
            }

            var sessions: [(id: String, node: String)] = []
            for launch in started {
                let session = try launch.reply!.object()
                let id = try #require(session["id"] as? String)
                let node = session["node"] as? String ?? "?"
                cluster.expect(node == launch.node, "a session launched on \(launch.node) runs on \(node)")
                sessions.append((id, node))
            }
            for node in nodes {
                let license = try await cluster.api.license(node.baseURL)
                let limit = JSONNumber.int((license["limits"] as? [String: Any])?["dataSessions"])
                let inUse = JSONNumber.int((license["inUse"] as? [String: Any])?["dataSessions"])
                cluster.expect(limit == 4 && inUse == 4, "node \(node.name) shows data sessions \(inUse ?? -1) in use of \(limit ?? -1)")
            }

            // Each stopped through the next node: one that does not run it (it marks it stopping).
            for session in sessions {
                let index = nodes.firstIndex { $0.name == session.node } ?? 0
                let via = nodes[(index + 1) % nodes.count]
                let stop = try await cluster.api.call(via.baseURL, .DELETE, "/api/v1/sessions/\(session.id)")
                cluster.expect(stop.status == 200, "stopping \(session.id) (on \(session.node)) through \(via.name): \(stop.status) \(stop.text.prefix(300))")
            }
            let stopped = Date()
            for session in sessions {
                try await cluster.eventually("session \(session.id) on \(session.node) ended", seconds: 60) {
                    (try? await cluster.api.session(cluster.node("a").baseURL, session.id))?["state"] as? String == "ended"
                }
            }
            try await cluster.eventually("no data-session seat in use", seconds: 30) {
                (try? await cluster.api.dataSessionsInUse(cluster.node("b").baseURL)) == 0
            }
            print("license: the 4 sessions ended and their seats were free \(String(format: "%.2f", Date().timeIntervalSince(stopped))) s after the stops")

            let again = try await cluster.api.launchSession(cluster.node("c").baseURL)
            cluster.expect(again.status == 201 || again.status == 200, "a launch after the 4 stopped: \(again.status) \(again.text.prefix(300))")
            if let id = try? again.object()["id"] as? String {
                _ = try? await cluster.api.call(cluster.node("c").baseURL, .DELETE, "/api/v1/sessions/\(id)")
            }
        }
    }
}
