import AsyncHTTPClient
import Foundation
import Gateway
import NIOCore
import Testing

/// `/s/{session}/…` on one node reaches a data session of another node of the cluster: two real
/// gateways on one catalog, the session's stand-in process behind node B, the browser at node A.
@Suite(.serialized) struct ClusterProxyTests {
    static let lost = "This session ended: its node stopped answering. Launch the app again."

    @Test func ownerReachesASessionOfAnotherNodeOverHTTP() async throws {
        try await ClusterFixture.with { f in
            let response = try await f.request(.GET, f.prefix + "/echo/a%20b?x=1", cookie: f.ownerCookie + "; theme=dark", headers: [
                // Made up by the browser: node A drops them before anything reads them.
                ("X-Atrium-Cluster-User", f.otherId), ("X-Atrium-Cluster-Extra", "1"),
            ])
            #expect(response.status == .ok)
            let echo = try await ProxyFixture.json(response)
            #expect(echo["path"] as? String == "/echo/a%20b?x=1")
            let headers = try #require(echo["headers"] as? [String: [String]])
            #expect(headers["x-atrium-proxy-secret"] == [ProxyTestBackend.secret])
            #expect(headers.keys.filter { $0.hasPrefix("x-atrium-cluster-") }.isEmpty)
            #expect(headers["cookie"] == ["theme=dark"])
            #expect(headers["authorization"] == nil)
            #expect(headers["x-forwarded-host"] == [ClusterFixture.sessionAuthority(ClusterFixture.session, base: f.a.base)])
            #expect(headers["x-forwarded-prefix"] == [f.prefix])

            // A state-changing request: node A checks the Origin, node B trusts A's check.
            let body = ByteBuffer(repeating: 1, count: 200_000)
            let post = try await f.request(.POST, f.prefix + "/echo/save", cookie: f.ownerCookie,
                                        headers: [("Origin", f.sessionOrigin(ClusterFixture.session))], body: body)
            #expect(post.status == .ok)
            #expect(try await ProxyFixture.json(post)["size"] as? Int == 200_000)
            let crossSite = try await f.request(.POST, f.prefix + "/echo/save", cookie: f.ownerCookie, headers: [("Origin", "https://evil.example")])
            #expect(crossSite.status == .forbidden)
        }
    }

    @Test func ownerEchoesOverAWebSocketThroughTwoNodes() async throws {
        try await ClusterFixture.with { f in
            let (status, echoed) = try await TestSocket.open(
                port: f.a.port, path: f.prefix + "/ws?x=1", headers: try await f.sessionHeaders(ClusterFixture.session, cookie: f.ownerCookie),
                trust: f.certificate
            ) { socket -> [TestSocket.Message?] in
                try await socket.send("hello")
                let text = try await socket.receive()
                try await socket.send(ByteBuffer(bytes: [1, 2, 3]))
                let binary = try await socket.receive()
                try await socket.send("close:4002")
                return [text, binary, try await socket.receive()]
            }
            #expect(status == .switchingProtocols)
            let messages = try #require(echoed)
            #expect(messages == [.text("hello"), .binary(ByteBuffer(bytes: [1, 2, 3])), .close(code: 4002, reason: "bye")])
            let other = try await TestSocket.open(port: f.a.port, path: f.prefix + "/ws",
                                                  headers: try await f.sessionHeaders(ClusterFixture.session, cookie: f.otherCookie),
                                                  trust: f.certificate) { _ in true }
            #expect(other.status == .badRequest)
        }
    }

    @Test func anotherUserGetsTheSame404() async throws {
        try await ClusterFixture.with { f in
            try await f.expectOthersSeeNoSession(f.prefix)
            try await f.addSession("stopped-1", node: "node-b", endReason: "stopped: requested")
            let stopped = try await f.request(.GET, "/s/stopped-1/echo/x", cookie: f.ownerCookie)
            #expect(stopped.status == .notFound)
        }
    }

    @Test func nodeBRefusesForgedClusterHeaders() async throws {
        try await ClusterFixture.with { f in
            let path = f.prefix + "/echo/x"
            let wrong = try await f.request(.GET, path, to: f.b.base, cookie: nil,
                                            headers: [("X-Atrium-Cluster-Auth", "not-the-secret"), ("X-Atrium-Cluster-User", f.ownerId)])
            #expect(wrong.status == .notFound)
            let missing = try await f.request(.GET, path, to: f.b.base, cookie: nil, headers: [("X-Atrium-Cluster-User", f.ownerId)])
            #expect(missing.status == .notFound)
            let empty = try await f.request(.GET, path, to: f.b.base, cookie: nil,
                                            headers: [("X-Atrium-Cluster-Auth", ""), ("X-Atrium-Cluster-User", f.ownerId)])
            #expect(empty.status == .notFound)
            let otherUser = try await f.request(.GET, path, to: f.b.base, cookie: nil,
                                                headers: [("X-Atrium-Cluster-Auth", ClusterFixture.secret), ("X-Atrium-Cluster-User", f.otherId)])
            #expect(otherUser.status == .notFound)
            let unknownUser = try await f.request(.GET, path, to: f.b.base, cookie: nil,
                                                  headers: [("X-Atrium-Cluster-Auth", ClusterFixture.secret), ("X-Atrium-Cluster-User", "nobody")])
            #expect(unknownUser.status == .notFound)
            let api = try await f.request(.GET, "/api/v1/me", to: f.b.base, cookie: nil,
                                          headers: [("X-Atrium-Cluster-Auth", ClusterFixture.secret), ("X-Atrium-Cluster-User", f.ownerId)])
            #expect(api.status == .notFound)
            // A browser cannot pass a made-up secret through node A either.
            let throughA = try await f.request(.GET, path, cookie: f.ownerCookie, headers: [("X-Atrium-Cluster-Auth", "guess")])
            #expect(throughA.status == .notFound)
            // The real secret for the real owner does get through (what node A sends).
            let genuine = try await f.request(.GET, path, to: f.b.base, cookie: nil,
                                              headers: [("X-Atrium-Cluster-Auth", ClusterFixture.secret), ("X-Atrium-Cluster-User", f.ownerId)])
            #expect(genuine.status == .ok)
        }
    }

    @Test func aSessionWhoseNodeWasLostIsGone() async throws {
        try await ClusterFixture.with { f in
            try await f.addSession("lost-1", node: "node-b", endReason: "lost: node-b stopped heartbeating")
            let api = try await f.request(.GET, "/s/lost-1/echo/x", cookie: f.ownerCookie)
            #expect(api.status == .gone)
            #expect(api.headers.first(name: "Content-Type") == "application/problem+json")
            #expect(try await ProxyFixture.json(api)["detail"] as? String == Self.lost)
            let page = try await f.request(.GET, "/s/lost-1/", cookie: f.ownerCookie, headers: [("Accept", "text/html,*/*")])
            #expect(page.status == .gone)
            #expect(page.headers.first(name: "Content-Type")?.hasPrefix("text/html") == true)
            let html = String(buffer: try await page.body.collect(upTo: 1 << 16))
            #expect(html.contains(Self.lost))
            // On the session's host, its links lead back to the portal's address.
            #expect(html.contains("href=\"\(f.a.base)/\""))
            // Someone else's lost session is no business of theirs.
            let other = try await f.request(.GET, "/s/lost-1/echo/x", cookie: f.otherCookie)
            #expect(other.status == .notFound)
            // A live row on a node nobody knows the address of.
            try await f.addSession("orphan-1", node: "node-c")
            let orphan = try await f.request(.GET, "/s/orphan-1/echo/x", cookie: f.ownerCookie)
            #expect(orphan.status == .gone)
        }
    }

    @Test func nodesAreCalledOverHTTPSOnly() async throws {
        try await ClusterFixture.with { f in
            // A node that registered a plain-HTTP address (node B's port), with a session on it.
            _ = try await f.catalog.registerNode(name: "node-plain", address: "http://localhost:\(f.b.port)", incarnation: "i-1", solveSlots: 1)
            try await f.addSession("plain-1", node: "node-plain")
            let response = try await f.request(.GET, "/s/plain-1/echo/x", cookie: f.ownerCookie)
            #expect(response.status == .badGateway)
        }
    }

    @Test func withoutASecretNothingIsForwarded() async throws {
        try await ClusterFixture.with(secretA: nil) { f in
            let response = try await f.request(.GET, f.prefix + "/echo/x", cookie: f.ownerCookie)
            #expect(response.status == .serviceUnavailable)
            let detail = try await ProxyFixture.json(response)["detail"] as? String
            #expect(detail?.contains("no cluster secret is configured") == true)
        }
        try await ClusterFixture.with(secretB: nil) { f in
            // Node A forwards, node B (no secret) accepts nothing.
            let response = try await f.request(.GET, f.prefix + "/echo/x", cookie: f.ownerCookie)
            #expect(response.status == .notFound)
            let direct = try await f.request(.GET, f.prefix + "/echo/x", to: f.b.base, cookie: nil,
                                             headers: [("X-Atrium-Cluster-Auth", ClusterFixture.secret), ("X-Atrium-Cluster-User", f.ownerId)])
            #expect(direct.status == .notFound)
        }
    }
}
