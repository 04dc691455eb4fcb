import NIOCore

/// The few WebSocket frames the proxy writes itself into a stream of passed bytes (RFC 6455
/// §5.5): close frames and pings. Towards a browser they go unmasked (server frames), towards a
/// session masked (client frames).
enum WebSocketFrameBytes {
    /// A close frame with `code` and `reason` (cut to the 123 bytes a control frame allows).
    static func close(code: UInt16, reason: String, masked: Bool) -> ByteBuffer {
        var payload = [UInt8(code >> 8), UInt8(code & 0xFF)]
        payload.append(contentsOf: Array(reason.utf8.prefix(123)))
        return frame(opcode: FrameHeaderTracker.Header.close, payload: payload, masked: masked)
    }

    /// A ping with a short payload, for a browser.
    static func ping() -> ByteBuffer {
        frame(opcode: FrameHeaderTracker.Header.ping, payload: Array("atrium".utf8), masked: false)
    }

    private static func frame(opcode: UInt8, payload: [UInt8], masked: Bool) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(2 + 4 + payload.count)
        buffer.writeInteger(0x80 | opcode)
        buffer.writeInteger(UInt8(payload.count) | (masked ? 0x80 : 0))
        if masked {
            let key = (0..<4).map { _ in UInt8.random(in: 0...255) }
            buffer.writeBytes(key)
            buffer.writeBytes(payload.enumerated().map { $0.element ^ key[$0.offset % 4] })
        } else {
            buffer.writeBytes(payload)
        }
        return buffer
    }
}
