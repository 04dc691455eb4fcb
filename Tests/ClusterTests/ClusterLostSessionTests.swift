import Foundation
import Testing

extension ClusterBehaviourTests {
    /// A data session whose node is killed: once the cluster shows the node dead, the session
    /// ended as lost, its page through another node answers 410 saying its node stopped
    /// answering (an HTML page linking to the portal for a browser), its seat is free, and the
    /// user can launch again.
    @Test func aSessionOnADeadNodeIsLostAndTheUserCanRelaunch() async throws {
        try await ClusterHarness.with { cluster in
            let a = cluster.node("a"), b = cluster.node("b")
            let launched = try await cluster.api.launchSession(b.baseURL)
            try #require(launched.status == 201 || launched.status == 200, "launch on b: \(launched.status) \(launched.text)")
            let launchedSession = try launched.object()
            let id = try #require(launchedSession["id"] as? String)
            cluster.expect(launchedSession["node"] as? String == "b", "the session runs on \(launchedSession["node"] ?? "?"), not b")
            cluster.expect(try await cluster.api.dataSessionsInUse(a.baseURL) == 1, "the session's seat is not shown in use")

            await cluster.kill9("b")
            try await cluster.eventually("node b shown dead", seconds: 120) {
                (try? await cluster.api.cluster(cluster.survivor(except: ["b"])))?.node("b")?.state == "dead"
            }

            let session = try await cluster.api.session(a.baseURL, id)
            let reason = session["endReason"] as? String ?? ""
            cluster.expect(session["state"] as? String == "ended" && reason.hasPrefix("lost"),
                           "the session is \(session["state"] ?? "?") with reason '\(reason)', not ended as lost")

            let viaA = try await cluster.api.call(a.baseURL, .GET, "/s/\(id)/")
            cluster.expect(viaA.status == 410 && viaA.text.contains("its node stopped answering"),
                           "through a: \(viaA.status) \(viaA.text.prefix(300))")
            let page = try await cluster.api.call(a.baseURL, .GET, "/s/\(id)/", headers: [("Accept", "text/html")])
            cluster.expect(page.status == 410 && (page.headers.first(name: "Content-Type") ?? "").hasPrefix("text/html"),
                           "a browser through a: \(page.status) \(page.headers.first(name: "Content-Type") ?? "-")")
            // On the session's own host, the link back names the portal's whole address.
            cluster.expect(page.text.contains("its node stopped answering") && page.text.contains("href=\"\(a.baseURL)/\""),
                           "the page does not say so with a link to the portal: \(page.text.prefix(400))")

            let inUse = try await cluster.api.dataSessionsInUse(a.baseURL)
            cluster.expect(inUse == 0, "\(inUse) data-session seats still in use after b was declared dead")

            let again = try await cluster.api.launchSession(a.baseURL)
            cluster.expect(again.status == 201 || again.status == 200, "a new launch through a: \(again.status) \(again.text.prefix(300))")
            if let relaunched = try? again.object() {
                cluster.expect(relaunched["node"] as? String == "a", "the new session runs on \(relaunched["node"] ?? "?"), not a")
                if let newId = relaunched["id"] as? String {
                    let opened = try await cluster.api.call(a.baseURL, .GET, "/s/\(newId)/")
                    cluster.expect(opened.status == 200 && opened.text.contains(newId), "the new session's page: \(opened.status) \(opened.text.prefix(300))")
                    _ = try? await cluster.api.call(a.baseURL, .DELETE, "/api/v1/sessions/\(newId)")
                }
            }
        }
    }
}
