/// The framing shared by package files and sealed apps: a magic line, a decimal byte-length line,
/// then that many bytes of JSON; whatever follows is the payload and stays in the source.
///
/// The reader never reads past the header (the magic and length line are read a byte at a time),
/// so the same source continues with the payload.
enum FramedHeader {
    /// Why a header could not be read; callers turn it into their own typed error.
    struct Failure: Error {
        let reason: String
    }

    /// Writes `magic`, the length line and `body` to `sink`.
    static func write(magic: String, body: [UInt8], to sink: ByteSink) throws {
        try sink.write(Array(magic.utf8))
        try sink.write(Array("\(body.count)\n".utf8))
        try sink.write(body)
    }

    /// Reads the magic, the length line and the body (at most `limit` bytes).
    /// Throws `Failure` for anything malformed; errors of the source itself pass through.
    static func read(magic: String, from source: ByteSource, limit: Int) throws -> [UInt8] {
        let expected = Array(magic.utf8)
        let seen = try readUpTo(expected.count, from: source)
        guard seen == expected else { throw Failure(reason: "bad magic (not \(magic.debugDescription))") }

        // Length line: 1...7 decimal digits without a leading zero, then "\n".
        var digits: [UInt8] = []
        while true {
            guard let byte = try readUpTo(1, from: source).first else {
                throw Failure(reason: "truncated header (no length line)")
            }
            if byte == UInt8(ascii: "\n") { break }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                throw Failure(reason: "malformed length line")
            }
            digits.append(byte)
            guard digits.count <= 7 else { throw Failure(reason: "header length exceeds \(limit) bytes") }
        }
        guard let length = Int(String(decoding: digits, as: UTF8.self)), digits.first != UInt8(ascii: "0") else {
            throw Failure(reason: "malformed length line")
        }
        guard length <= limit else { throw Failure(reason: "header length \(length) exceeds \(limit) bytes") }
        let body = try readUpTo(length, from: source)
        guard body.count == length else {
            throw Failure(reason: "truncated header (\(body.count) of \(length) bytes)")
        }
        return body
    }

    /// Reads exactly `count` bytes unless the source ends first (then fewer).
    static func readUpTo(_ count: Int, from source: ByteSource) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try result.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
        }
        result.removeLast(count - filled)
        return result
    }
}
