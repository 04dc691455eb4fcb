import Foundation
import HTTPTypes
import NIOCore
import NIOPosix
import Testing
@testable import Gateway

/// A runtime speaks first on its WebSocket (the editor's `app` and `case`): when its first frame
/// arrives in the same read as the 101, the dialer must keep it for the glue. A raw server answers the
/// upgrade and sends a frame in one write, which a server framework would not do reliably.
@Suite struct SessionDialerTests {
    @Test func aFrameSentWithTheUpgradeAnswerIsKept() async throws {
        let session = try RawSession(script: RawSession.greetingThenHalfClose)
        defer { session.stop() }
        let (channel, leftover) = try await SessionDialer.connect(.unix(path: session.socketPath), on: MultiThreadedEventLoopGroup.singleton.next(),
                                                                  target: "/ws", headers: [:], timeout: .seconds(5)).get()
        defer { channel.close(promise: nil) }
        let greeting = Array(RawSession.greeting.utf8)
        #expect(Array(leftover.readableBytesView) == [0x81, UInt8(greeting.count)] + greeting, "the first frame was dropped")
    }

    @Test func aSessionThatDeclinesTheUpgradeFailsTheDial() async throws {
        let session = try RawSession(script: RawSession.declining)
        defer { session.stop() }
        await #expect(throws: SessionHandshake.Failure.self) {
            _ = try await SessionDialer.connect(.unix(path: session.socketPath), on: MultiThreadedEventLoopGroup.singleton.next(), target: "/ws",
                                                headers: [:], timeout: .seconds(5)).get()
        }
    }
}
