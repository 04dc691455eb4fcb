import Store

/// Passes a case upload through while checking that it has the shape its app's runtime declared
/// (`caseFormat` in `atrium-runtime.json`), so random bytes are refused at the door instead of
/// failing later in the editor or a solve. For `json`: valid UTF-8 (sequences across chunk
/// boundaries included), no NUL byte, and an object or array: the first and last bytes that are
/// not white space are `{`…`}` or `[`…`]`. The error arrives before the reader sees the end, so
/// the store keeps nothing (like ``DigestCheckingSource``). The runtime still checks the content.
final class CaseFormatCheckingSource: ByteSource {
    private let source: any ByteSource
    private let app: String
    private var offset: Int64 = 0
    /// Continuation bytes still due for the current UTF-8 sequence, and the bounds of the next one.
    private var pending = 0
    private var nextLow: UInt8 = 0x80, nextHigh: UInt8 = 0xBF
    private var first: UInt8?
    private var last: UInt8?

    init(_ source: any ByteSource, app: String) {
        self.source = source
        self.app = app
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try source.read(into: buffer)
        for byte in buffer[0..<n] {
            try check(byte)
            offset += 1
        }
        if n == 0 {
            if pending > 0 { throw fail("it ends in the middle of a UTF-8 character") }
            switch (first, last) {
            case (UInt8(ascii: "{"), UInt8(ascii: "}")), (UInt8(ascii: "["), UInt8(ascii: "]")): break
            case (nil, _): throw fail("it is empty")
            default: throw fail("it is not a JSON object or array")
            }
        }
        return n
    }

    private func check(_ byte: UInt8) throws {
        if pending > 0 {
            guard byte >= nextLow, byte <= nextHigh else { throw fail("byte \(offset) is not valid UTF-8") }
            pending -= 1
            nextLow = 0x80
            nextHigh = 0xBF
            return
        }
        switch byte {
        case 0: throw fail("byte \(offset) is a NUL byte")
        case 0x01...0x7F:
            if !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                if first == nil { first = byte }
                last = byte
            }
            return
        case 0xC2...0xDF: pending = 1
        case 0xE0: pending = 2; nextLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2
        case 0xED: pending = 2; nextHigh = 0x9F
        case 0xF0: pending = 3; nextLow = 0x90
        case 0xF1...0xF3: pending = 3
        case 0xF4: pending = 3; nextHigh = 0x8F
        default: throw fail("byte \(offset) is not valid UTF-8")
        }
        if first == nil { first = byte }
        last = byte
    }

    private func fail(_ why: String) -> CaseFormatError {
        CaseFormatError(app: app, format: "JSON", reason: why)
    }
}

/// An upload that is not a case of its app: the runtime declared a format the bytes do not have.
struct CaseFormatError: Error, CustomStringConvertible {
    let app: String
    let format: String
    let reason: String

    var description: String {
        "This is not a case of '\(app)': its runtime expects \(format), and \(reason). Nothing was saved."
    }
}
