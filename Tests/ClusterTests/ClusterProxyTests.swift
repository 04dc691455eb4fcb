import Foundation
import Testing

extension ClusterBehaviourTests {
    /// A data session launched on node b answers through node a's `/s/{id}/` for its owner.
    /// (Needs node-to-node proxying.)
    @Test func aSessionOnBIsReachedThroughA() async throws {
        try await ClusterHarness.with { cluster in
            let a = cluster.node("a"), b = cluster.node("b")
            let launched = try await cluster.api.call(b.baseURL, .POST, "/api/v1/sessions", json: ["app": "cluster"], timeout: .seconds(120))
            try #require(launched.status == 201 || launched.status == 200, "launch on b: \(launched.status) \(launched.text)")
            let session = try launched.object()
            let id = try #require(session["id"] as? String)
            cluster.expect(session["node"] as? String == "b", "the session runs on \(session["node"] ?? "?"), not b")
            let direct = try await cluster.api.call(b.baseURL, .GET, "/s/\(id)/")
            cluster.expect(direct.status == 200 && direct.text.contains(id), "through b itself: \(direct.status) \(direct.text.prefix(300))")
            let viaA = try await cluster.api.call(a.baseURL, .GET, "/s/\(id)/")
            cluster.expect(viaA.status == 200, "through a: \(viaA.status) \(viaA.text.prefix(300))")
            cluster.expect(viaA.text.contains(id) && viaA.text.contains("<p id=node>b</p>"), "a's answer is b's session page: \(viaA.text.prefix(300))")
            // Someone else gets the same 404 through a as through b.
            let stranger = try await cluster.api.call(a.baseURL, .GET, "/s/\(id)/", bearer: false)
            cluster.expect(stranger.status == 404 || stranger.status == 303, "anonymous through a: \(stranger.status)")
            let stop = try await cluster.api.call(b.baseURL, .DELETE, "/api/v1/sessions/\(id)")
            cluster.expect((200..<300).contains(stop.status), "stopping the session on b: \(stop.status) \(stop.text)")
        }
    }
}
