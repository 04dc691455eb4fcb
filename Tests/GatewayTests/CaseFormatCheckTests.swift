import Foundation
import Store
import Testing
@testable import Gateway

/// The check a runtime's `caseFormat: json` puts on case uploads: JSON-shaped UTF-8 passes
/// whole, whatever the chunking; random bytes, broken UTF-8, NUL bytes and non-objects fail
/// with words before the reader sees the end.
@Suite struct CaseFormatCheckTests {
    /// Reads `bytes` through the check in chunks of `chunk` bytes; returns what came through.
    func pass(_ bytes: [UInt8], chunk: Int = 3) throws -> [UInt8] {
        let source = CaseFormatCheckingSource(MemorySource(bytes), app: "transport")
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    func refusal(_ bytes: [UInt8], chunk: Int = 3) -> String? {
        do { _ = try pass(bytes, chunk: chunk); return nil } catch let error as CaseFormatError { return error.description } catch {
            return "unexpected \(error)"
        }
    }

    @Test func jsonObjectsAndArraysPassWhole() throws {
        let text = Array(" \n{\"sets\": {\"I\": [\"Zürich\", \"東京\", \"🚚\"]}, \"params\": {}}\r\n".utf8)
        for chunk in [1, 2, 3, 7, 4096] {
            #expect(try pass(text, chunk: chunk) == text)
        }
        #expect(try pass(Array("[1, 2]".utf8)) == Array("[1, 2]".utf8))
    }

    @Test func randomBytesAreRefusedInWords() throws {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let why = try #require(refusal(random))
        #expect(why.contains("not a case of 'transport'"))
        #expect(why.contains("JSON"))
    }

    @Test func brokenUTF8NulBytesEmptyAndOtherShapesAreRefused() {
        #expect(refusal([0x7B, 0xC3, 0x28, 0x7D])?.contains("byte 2 is not valid UTF-8") == true)  // bad continuation
        #expect(refusal([0x7B, 0xED, 0xA0, 0x80, 0x7D])?.contains("not valid UTF-8") == true)      // a surrogate
        #expect(refusal([0x7B, 0xC0, 0x80, 0x7D])?.contains("not valid UTF-8") == true)            // overlong NUL
        #expect(refusal([0x7B, 0x00, 0x7D])?.contains("NUL") == true)
        #expect(refusal([0x7B, 0xE2, 0x82])?.contains("middle of a UTF-8 character") == true)     // cut short
        #expect(refusal(Array("  \n".utf8))?.contains("empty") == true)
        #expect(refusal(Array("plain text".utf8))?.contains("not a JSON object or array") == true)
        #expect(refusal(Array("{\"a\": 1".utf8))?.contains("not a JSON object or array") == true)
    }
}
