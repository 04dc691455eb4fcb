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
    static let server = #"""
    import base64, hashlib, os, socket, sys, time
    path = sys.argv[1]
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    print("listening", flush=True)
    connection, _ = listener.accept()
    request = b""
    while b"\r\n\r\n" not in request:
        request += connection.recv(4096)
    key = [line.split(b":", 1)[1].strip() for line in request.split(b"\r\n") if line.lower().startswith(b"sec-websocket-key:")][0]
    accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
    greeting = b"hello before anything"
    connection.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       + b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n" + bytes([0x81, len(greeting)]) + greeting)
    time.sleep(1)
    connection.shutdown(socket.SHUT_WR)  # a dropped frame then ends the wait for it after a second
    connection.recv(4096)
    """#

    @Test func aFrameSentWithTheUpgradeAnswerIsKept() async throws {
        let socket = "/tmp/atrium-first-frame-\(UUID().uuidString.prefix(8)).sock"
        defer { try? FileManager.default.removeItem(atPath: socket) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.server, socket]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate() }
        _ = output.fileHandleForReading.availableData  // "listening"

        let (channel, leftover) = try await SessionDialer.connect(.unix(path: socket), on: MultiThreadedEventLoopGroup.singleton.next(),
                                                                  target: "/ws", headers: [:], timeout: .seconds(5)).get()
        defer { channel.close(promise: nil) }
        let greeting = Array("hello before anything".utf8)
        #expect(Array(leftover.readableBytesView) == [0x81, UInt8(greeting.count)] + greeting, "the first frame was dropped")
    }

    @Test func aSessionThatDeclinesTheUpgradeFailsTheDial() async throws {
        let socket = "/tmp/atrium-declines-\(UUID().uuidString.prefix(8)).sock"
        defer { try? FileManager.default.removeItem(atPath: socket) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.declining, socket]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { process.terminate() }
        _ = output.fileHandleForReading.availableData  // "listening"

        await #expect(throws: SessionHandshake.Failure.self) {
            _ = try await SessionDialer.connect(.unix(path: socket), on: MultiThreadedEventLoopGroup.singleton.next(), target: "/ws",
                                                headers: [:], timeout: .seconds(5)).get()
        }
    }

    static let declining = #"""
    import socket, sys
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(sys.argv[1])
    listener.listen(1)
    print("listening", flush=True)
    connection, _ = listener.accept()
    request = b""
    while b"\r\n\r\n" not in request:
        request += connection.recv(4096)
    connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
    connection.recv(4096)
    """#
}
