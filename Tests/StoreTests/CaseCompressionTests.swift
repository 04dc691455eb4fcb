import Foundation
import Testing
@testable import Store

@Suite struct CaseCompressionTests {
    @Test(arguments: [0, 1])
    func roundTripsEmptySmallAndLarge(workers: Int) throws {
        let large = GeneratedTable(rows: 60_000).bytes  // ~3 MB
        for input in [[], Array("hello, case".utf8), large, randomBytes(3 << 20, seed: 7)] {
            let frame = try zstdCompress(input, workers: workers)
            #expect(try zstdDecompress(frame) == input)
        }
        #expect(try zstdCompress(large).count < large.count / 2)
    }

    @Test func streamsWithoutKnownSize() throws {
        let input = GeneratedTable(rows: 20_000).bytes
        let frame = try zstdCompress(input, workers: 1, contentSize: false)
        #expect(try zstdDecompress(frame) == input)
    }

    @Test func wrongDeclaredSizeIsACompressionError() throws {
        let sink = MemorySink()
        #expect(throws: CaseError.self) {
            try ZstdCompressor().compress(from: MemorySource(Array(repeating: 1, count: 1000)), to: sink, contentSize: 999)
        }
    }

    @Test func garbageTruncatedAndTrailingBytesAreCorrupt() throws {
        let input = GeneratedTable(rows: 5_000).bytes
        let frame = try zstdCompress(input)
        for bad in [Array("not zstd at all".utf8), Array(frame.dropLast(10)), [], Array(frame[0..<(frame.count / 2)])] {
            #expect(throws: CaseError.self) { _ = try zstdDecompress(bad) }
        }
        var flipped = frame
        flipped[frame.count / 2] ^= 0x55
        #expect(throws: CaseError.self) { _ = try zstdDecompress(flipped) }
    }

    @Test func framesAreReadByTheZstdToolAndCarryChecksumAndSize() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = GeneratedTable(rows: 40_000).bytes
        let frame = try dir.write(try zstdCompress(input, workers: 1), to: "ours.zst")
        #expect(try run(zstdTool, ["-q", "-d", frame, "-o", dir.file("out")]).status == 0)
        #expect(try dir.read("out") == input)
        let listing = try run(zstdTool, ["-lv", frame]).output
        #expect(listing.contains("XXH64"))
        #expect(listing.contains("(\(input.count) B)"))
    }

    @Test func readsFramesOfTheZstdTool() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = GeneratedTable(rows: 40_000).bytes
        let plain = try dir.write(input, to: "plain")
        #expect(try run(zstdTool, ["-q", "-3", "-T1", plain, "-o", dir.file("theirs.zst")]).status == 0)
        #expect(try zstdDecompress(try dir.read("theirs.zst")) == input)
        // Several frames, as `cat a.zst b.zst` gives, decode to the concatenation.
        #expect(try run(zstdTool, ["-q", "-19", plain, "-o", dir.file("second.zst")]).status == 0)
        let both = try dir.read("theirs.zst") + (try dir.read("second.zst"))
        #expect(try zstdDecompress(both) == input + input)
    }

    @Test func deltasRoundTripAndAreSmall() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var table = GeneratedTable(rows: 40_000)
        let old = table.bytes
        table.change(fraction: 0.01)
        let new = table.bytes
        let reference = try MappedFile(path: try dir.write(new, to: "new"))
        let input = try MappedFile(path: try dir.write(old, to: "old"))
        let sink = MemorySink()
        try ZstdCompressor().compressDelta(input: input, reference: reference, to: sink)
        let plainSize = try zstdCompress(old).count
        #expect(sink.bytes.count < plainSize / 10)
        #expect(try zstdDecompress(sink.bytes, reference: reference) == old)
        // Without the reference, or with the wrong one, the frame does not decode.
        #expect(throws: CaseError.self) { _ = try zstdDecompress(sink.bytes) }
        #expect(throws: (any Error).self) {
            let decoded = try zstdDecompress(sink.bytes, reference: input)
            if decoded != old { throw CaseError.corrupt("differs") }
        }
    }

    @Test func deltasOfEmptyFilesRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let empty = try MappedFile(path: try dir.write([], to: "empty"))
        let some = try MappedFile(path: try dir.write(Array("some bytes".utf8), to: "some"))
        for (input, reference) in [(empty, empty), (empty, some), (some, empty)] {
            let sink = MemorySink()
            try ZstdCompressor().compressDelta(input: input, reference: reference, to: sink)
            #expect(try zstdDecompress(sink.bytes, reference: reference) == Array(input.bytes))
        }
    }

    @Test func deltasAreCompatibleWithZstdPatchFrom() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var table = GeneratedTable(rows: 60_000)
        let old = table.bytes
        table.change(fraction: 0.01)
        let new = table.bytes
        let newPath = try dir.write(new, to: "new"), oldPath = try dir.write(old, to: "old")

        // Ours, decoded by `zstd -d --patch-from=NEW`.
        let sink = MemorySink()
        try ZstdCompressor().compressDelta(input: try MappedFile(path: oldPath), reference: try MappedFile(path: newPath), to: sink)
        let ours = try dir.write(sink.bytes, to: "ours.zst")
        #expect(try run(zstdTool, ["-q", "-d", "--long=31", "--patch-from=" + newPath, ours, "-o", dir.file("a")]).status == 0)
        #expect(try dir.read("a") == old)

        // `zstd --patch-from=NEW OLD`, decoded by us.
        #expect(try run(zstdTool, ["-q", "-3", "--patch-from=" + newPath, oldPath, "-o", dir.file("theirs.zst")]).status == 0)
        #expect(try zstdDecompress(try dir.read("theirs.zst"), reference: try MappedFile(path: newPath)) == old)
    }
}
