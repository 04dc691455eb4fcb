import Foundation
import Testing
@testable import Store

/// The source is read to its very end, and its own errors (a digest mismatch at the end, an
/// I/O error midway) are what `extract` throws — never a half-extracted destination.
@Suite struct SafeExtractorSourceTests {
    static let integrity = StoreError.integrity(expected: BlobDigest.of([1]), actual: BlobDigest.of([2]))

    /// A tar followed by 256 KiB of padding that libarchive never needs to read.
    static func paddedTar() -> [UInt8] {
        ArchiveBuilder(.pax, .none).file("a.txt", "alpha").bytes() + [UInt8](repeating: 0, count: 256 << 10)
    }

    @Test func sourceThrowingAtItsEndFailsTheExtraction() throws {
        let scratch = try ScratchDirectory()
        let source = ThrowingSource(SafeExtractorTests.packageArchive(), error: Self.integrity)
        #expect(throws: Self.integrity) {
            try SafeExtractor().extract(from: source, into: scratch.destination)
        }
        #expect(source.readsAfterError == 0)
        #expect(scratch.isPristine, "left behind: \(scratch.listing())")
    }

    @Test func trailingBytesAreDrainedSoTheEndErrorIsSeen() throws {
        let scratch = try ScratchDirectory()
        let source = ThrowingSource(Self.paddedTar(), error: Self.integrity)
        #expect(throws: Self.integrity) {
            try SafeExtractor().extract(from: source, into: scratch.destination)
        }
        #expect(scratch.isPristine, "left behind: \(scratch.listing())")
    }

    @Test func blobReaderWithWrongDigestFails() throws {
        let scratch = try ScratchDirectory()
        let bytes = Self.paddedTar()
        let reader = BlobReader(digest: BlobDigest.of([0]), size: Int64(bytes.count), raw: MemorySource(bytes))
        let error = #expect(throws: StoreError.self) {
            try SafeExtractor().extract(from: reader, into: scratch.destination)
        }
        if case .integrity? = error {} else { Issue.record("expected .integrity, got \(String(describing: error))") }
        #expect(scratch.isPristine, "left behind: \(scratch.listing())")
    }

    @Test func blobReaderWithRightDigestIsReadToItsEnd() throws {
        let scratch = try ScratchDirectory()
        let bytes = Self.paddedTar()
        let reader = BlobReader(digest: BlobDigest.of(bytes), size: Int64(bytes.count), raw: MemorySource(bytes))
        let report = try SafeExtractor().extract(from: reader, into: scratch.destination)
        #expect(report.files == 1)
        #expect(reader.bytesRead == Int64(bytes.count))
    }

    @Test func sourceErrorMidwayIsRethrownAsItself() throws {
        let scratch = try ScratchDirectory()
        let bytes = ArchiveBuilder(.pax, .none).zeros("big", count: 1 << 20).bytes()
        let failure = StoreError.io(operation: "read", path: "share", errno: EIO)
        let source = ThrowingSource(bytes, error: failure, failAfter: 300 << 10)
        #expect(throws: failure) {
            try SafeExtractor().extract(from: source, into: scratch.destination)
        }
        #expect(source.readsAfterError == 0)
        #expect(scratch.isPristine, "left behind: \(scratch.listing())")
    }

    @Test func sourceErrorBeforeTheFirstHeaderIsRethrownAsItself() throws {
        let scratch = try ScratchDirectory()
        let failure = StoreError.io(operation: "read", path: "share", errno: EIO)
        #expect(throws: failure) {
            try SafeExtractor().extract(from: ThrowingSource([], error: failure), into: scratch.destination)
        }
        #expect(scratch.isPristine, "left behind: \(scratch.listing())")
    }
}
