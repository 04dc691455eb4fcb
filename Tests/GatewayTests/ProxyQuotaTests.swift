import Catalog
import Foundation
@testable import Gateway
import NIOCore
import Testing

/// The WebSocket quotas (issue 16): a user holds at most their `webSockets` limit of proxied
/// sockets on a node (past it the upgrade is answered 429 naming the quota, before the
/// handshake; one that raced another past that check for the last socket is closed at once with
/// 1008 naming it), and a browser frame larger than their `frameBytes` limit closes the socket
/// with 1009 naming it.
@Suite(.serialized) struct ProxyQuotaTests {
    static let path = "/s/\(ProxyFixture.session)/ws?x=1"

    @Test func aUsersThirdSocketIsRefusedAtALimitOfTwoAndANewOneWorksOnceOneCloses() async throws {
        try await ProxyFixture.with { f in
            let connections = f.gateway.app.atrium.proxyConnections
            let owner = f.users.ownerId
            try await f.gateway.app.atrium.catalog.setQuota(.user(owner), kind: .webSockets, limit: 2, by: .system)
            let (_, outcome) = try await f.socket(Self.path, cookie: f.ownerCookie) { first -> [TestSocket.Message?] in
                try await first.send("one")
                var got = [try await first.receive()]
                let (_, inner) = try await f.socket(Self.path, cookie: f.ownerCookie) { second -> TestSocket.Message? in
                    try await second.send("two")
                    _ = try await second.receive()
                    #expect(connections.count(user: owner) == 2)
                    let refused = try await f.refusedUpgrade(Self.path, cookie: f.ownerCookie)
                    #expect(refused.status == 429, "\(refused.text)")
                    #expect(refused.text.lowercased().contains("retry-after: 30"))
                    #expect(refused.text.contains("You have 2 WebSockets open; your limit is 2 (quota 'webSockets')."), "\(refused.text)")
                    #expect(connections.count(user: owner) == 2)
                    // Two upgrades racing for the last socket: the count settles it, the loser
                    // is closed with 1008 naming the quota.
                    #expect(connections.add(session: ProxyFixture.session, user: owner, limit: 2) { _ in } == .refused(used: 2))
                    try await second.close(code: 1000)
                    _ = try await second.receive()
                    return nil
                }
                #expect(inner == .some(nil))
                try await f.eventually { connections.count(user: owner) == 1 }
                let (_, again) = try await f.socket(Self.path, cookie: f.ownerCookie) { fourth in
                    try await fourth.send("again")
                    return try await fourth.receive()
                }
                got.append(again ?? nil)
                return got
            }
            let messages = try #require(outcome)
            #expect(messages == [.text("one"), .text("again")])
            try await f.eventually { connections.count == 0 }
            #expect(connections.count(user: owner) == 0)
        }
    }

    @Test func aFrameAboveTheUsersFrameLimitClosesTheSocketWith1009() async throws {
        try await ProxyFixture.with { f in
            let catalog = f.gateway.app.atrium.catalog
            let frame = ByteBuffer(bytes: [UInt8](repeating: 7, count: 2000))
            // The server's default (maxFrameSize) lets it through.
            let (_, echoed) = try await f.socket(Self.path, cookie: f.ownerCookie) { socket in
                try await socket.send(frame)
                return try await socket.receive()
            }
            #expect(echoed == .binary(frame))
            try await catalog.setQuota(.user(f.users.ownerId), kind: .frameBytes, limit: 1000, by: .system)
            let (_, closed) = try await f.socket(Self.path, cookie: f.ownerCookie) { socket in
                try await socket.send(ByteBuffer(bytes: [UInt8](repeating: 1, count: 1000)))
                let within = try await socket.receive()
                try await socket.send(frame)
                return [within, try await socket.receive()]
            }
            #expect(closed == [.binary(ByteBuffer(bytes: [UInt8](repeating: 1, count: 1000))),
                               .close(code: 1009, reason: "A frame of 2000 bytes; your limit is 1000 (quota 'frameBytes').")])
        }
    }
}
