import NIOCore

/// Follows the WebSocket frames (RFC 6455 §5.2) in one direction of a proxied socket as its bytes
/// pass, reading only frame headers: payloads are skipped, never kept, and messages are never put
/// together. A header split across reads is held (14 bytes at most) until it is whole.
struct FrameHeaderTracker {
    /// A frame's header.
    struct Header: Equatable {
        var fin: Bool
        var opcode: UInt8
        var masked: Bool
        var length: UInt64

        static let close: UInt8 = 0x8
        static let ping: UInt8 = 0x9
        static let pong: UInt8 = 0xA

        /// Text, binary or continuation: the frames that carry a message.
        var isData: Bool { opcode < 0x8 }
    }

    /// The bytes of a header not yet whole.
    private var partial: [UInt8] = []
    /// Payload bytes of the current frame still to pass.
    private var remaining: UInt64 = 0

    /// True when the bytes seen so far end exactly at the end of a frame: another frame may be
    /// put into the stream here.
    var betweenFrames: Bool { partial.isEmpty && remaining == 0 }

    /// Walks `bytes`, calling `body` with each header completed in them and the offset in `bytes`
    /// where that frame starts (negative when its header began in earlier bytes). `body` returns
    /// false to stop: the bytes from that frame on are then not taken into account. Returns
    /// false when `body` stopped the walk.
    mutating func scan(_ bytes: ByteBuffer, _ body: (Header, _ start: Int) -> Bool) -> Bool {
        bytes.withUnsafeReadableBytes { raw in
            var index = 0
            let count = raw.count
            while index < count {
                if remaining > 0 {
                    let skip = Int(min(remaining, UInt64(count - index)))
                    index += skip
                    remaining -= UInt64(skip)
                    continue
                }
                let start = index - partial.count
                let before = partial
                while index < count, partial.count < needed {
                    partial.append(raw[index])
                    index += 1
                }
                guard partial.count == needed, let header = parsed else { continue }
                partial.removeAll(keepingCapacity: true)
                remaining = header.length
                if !body(header, start) {
                    // Not taken: the tracker stays where the frame began.
                    partial = before
                    remaining = 0
                    return false
                }
            }
            return true
        }
    }

    /// The first offset in `bytes` at which the stream is between frames, the bytes before it
    /// taken into account (the tracker then stands there); nil when `bytes` end inside a frame
    /// that began before them.
    mutating func nextBoundary(in bytes: ByteBuffer) -> Int? {
        if betweenFrames { return 0 }
        var found: Int?
        _ = scan(bytes) { _, start in
            guard start >= 0 else { return true }
            found = start
            return false
        }
        if let found { return found }
        if betweenFrames { return bytes.readableBytes }
        let start = bytes.readableBytes - partial.count
        if remaining == 0, !partial.isEmpty, start >= 0 {
            // A header began in these bytes: the frame before it ended there.
            partial.removeAll()
            return start
        }
        return nil
    }

    /// The size of the header in `partial`, as far as its first two bytes tell (2 until known).
    private var needed: Int {
        guard partial.count >= 2 else { return 2 }
        let short = partial[1] & 0x7F
        let extended = short == 126 ? 2 : short == 127 ? 8 : 0
        return 2 + extended + (partial[1] & 0x80 != 0 ? 4 : 0)
    }

    private var parsed: Header? {
        guard partial.count >= 2 else { return nil }
        let short = partial[1] & 0x7F
        var length = UInt64(short)
        if short == 126 {
            length = UInt64(partial[2]) << 8 | UInt64(partial[3])
        } else if short == 127 {
            length = partial[2..<10].reduce(0) { $0 << 8 | UInt64($1) }
        }
        return Header(fin: partial[0] & 0x80 != 0, opcode: partial[0] & 0x0F, masked: partial[1] & 0x80 != 0, length: length)
    }
}
