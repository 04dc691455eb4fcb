import Foundation

/// A stand-in session that is no server framework: a Python script on a Unix socket that
/// answers one connection as it is told to, byte for byte (a server framework would not, for
/// instance, send a frame in the same write as its 101).
final class RawSession {
    /// Listens on the socket path it is given and takes one connection (`connection`).
    static let accepting = #"""
    import base64, hashlib, socket, sys, time
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(sys.argv[1])
    listener.listen(4)
    print("listening", flush=True)
    connection, _ = listener.accept()
    request = b""

    """#

    /// Then reads the request head.
    static let readingTheRequest = accepting + #"""
    while b"\r\n\r\n" not in request:
        request += connection.recv(4096)

    """#

    /// Then answers the upgrade with 101 and, in the same write, the bytes of the Python
    /// expression `first`.
    static func upgrading(first: String) -> String {
        readingTheRequest + #"""
        key = [line.split(b":", 1)[1].strip() for line in request.split(b"\r\n") if line.lower().startswith(b"sec-websocket-key:")][0]
        accept = base64.b64encode(hashlib.sha1(key + b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest())
        connection.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           + b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n" + \#(first))

        """#
    }

    /// The greeting frame of ``speakAndDie`` and ``greetingThenHalfClose``.
    static let greeting = "hello before anything"
    static let greetingFrame = #"bytes([0x81, \#(greeting.utf8.count)]) + b"\#(greeting)""#

    /// Takes the connection and never answers.
    static let stall = accepting + "time.sleep(60)\n"

    /// Answers the upgrade with a text frame in the same write, then ends the connection.
    static let speakAndDie = upgrading(first: greetingFrame) + "time.sleep(0.3)\nconnection.close()\ntime.sleep(5)\n"

    /// Answers the upgrade with a text frame in the same write; a second later ends its side (a
    /// dropped frame then ends the wait for it) and waits for the other end.
    static let greetingThenHalfClose = upgrading(first: greetingFrame)
        + "time.sleep(1)\nconnection.shutdown(socket.SHUT_WR)\nconnection.recv(4096)\n"

    /// Answers the upgrade with a 60 KB text frame in the same write, then stays.
    static let speakAtLength = upgrading(first: #"bytes([0x81, 126]) + (60000).to_bytes(2, "big") + b"x" * 60000"#) + "time.sleep(30)\n"

    /// Declines the upgrade with a 403.
    static let declining = readingTheRequest + #"""
    connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
    connection.recv(4096)

    """#

    let socketPath: String
    private let process: Process

    init(script: String) throws {
        socketPath = "/tmp/atrium-raw-session-\(UUID().uuidString.prefix(8)).sock"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, socketPath]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        _ = output.fileHandleForReading.availableData  // "listening"
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(atPath: socketPath)
    }
}
