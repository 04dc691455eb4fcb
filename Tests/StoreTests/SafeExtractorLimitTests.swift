import Foundation
import Testing
@testable import Store

/// Limits stop the extraction before the excess is written, measured on the internal
/// `Extraction` whose counters outlive the refusal.
@Suite struct SafeExtractorLimitTests {
    /// Runs an `Extraction` into a scratch directory and returns the error and the bytes written.
    func run(_ bytes: [UInt8], limits: ExtractionLimits) throws -> (Error?, Int64) {
        let scratch = try ScratchDirectory()
        let calls = POSIXCalls(retry: .default, faults: .none)
        let tree = try StagingTree(rootPath: scratch.sandbox, calls: calls)
        let extraction = Extraction(reader: try ArchiveReader(source: MemorySource(bytes)), tree: tree,
                                    limits: limits, readOnly: false, calls: calls)
        do {
            _ = try extraction.run()
            return (nil, extraction.report.bytes)
        } catch {
            return (error, extraction.report.bytes)
        }
    }

    @Test func zipBombStopsSoonAfterTheGraceBytes() throws {
        let bytes = ArchiveBuilder(.pax, .gzip).zeros("zeros", count: 64 << 20).bytes()
        let (error, written) = try run(bytes, limits: .default)
        #expect(error as? ArchiveError == .compressionRatio(limit: 100))
        // At most the grace MiB plus what 100× the compressed input pulled so far allows.
        #expect(written <= max(1 << 20, 100 * Int64(bytes.count)))
        #expect(written < 8 << 20)
    }

    @Test func byteLimitIsNeverCrossedEvenWithoutADeclaredSize() throws {
        let bytes = ArchiveBuilder(.zip, .none).zeros("a", count: 300_000).bytes()
        let limits = ExtractionLimits(maxTotalBytes: 100_000, maxCompressionRatio: 1e9)
        let (error, written) = try run(bytes, limits: limits)
        #expect(error as? ArchiveError == .tooManyBytes(limit: 100_000))
        #expect(written <= 100_000)
    }

    @Test func ratioIsNotCheckedWithinTheGraceBytes() throws {
        let bytes = ArchiveBuilder(.pax, .xz).zeros("a", count: 900_000).bytes()
        let (error, written) = try run(bytes, limits: .default)
        #expect(error == nil)
        #expect(written == 900_000)
    }

    @Test func sparseHolesAreWrittenAsHolesAndCounted() throws {
        let size: Int64 = 3 << 20
        let tail = Array("tail".utf8)
        let bytes = ArchiveBuilder(.pax, .none)
            .sparse("s", size: size, segments: [(0, Array("head".utf8)), (2 << 20, tail)]).bytes()
        #expect(bytes.count < 64 << 10) // really stored sparse
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(bytes, limits: ExtractionLimits(maxCompressionRatio: 1e9))
        #expect(report.bytes == size)
        let contents = try #require(FileManager.default.contents(atPath: scratch.destination + "/s"))
        #expect(Int64(contents.count) == size)
        #expect(Array(contents[0..<4]) == Array("head".utf8))
        #expect(Array(contents[(2 << 20)..<((2 << 20) + 4)]) == tail)
        #expect(contents[4..<(2 << 20)].allSatisfy { $0 == 0 })
        // With the default ratio the holes count as expansion.
        let (error, _) = try run(bytes, limits: .default)
        #expect(error as? ArchiveError == .compressionRatio(limit: 100))
    }

    @Test func emptyInputIsAnEmptyArchive() throws {
        let (error, written) = try run([], limits: .default)
        #expect(error == nil)
        #expect(written == 0)
    }
}
