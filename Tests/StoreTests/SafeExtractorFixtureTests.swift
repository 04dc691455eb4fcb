import Foundation
import Testing
@testable import Store

/// `<package root>/fixtures/archives`, found from this file's path (Tests/StoreTests/…).
private let archiveFixtureDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/archives").path

/// The shared hostile-archive fixtures in `<package root>/fixtures/archives/` (made by the
/// fixture generator, committed, checked against SHA256SUMS by scripts/test). A missing fixture
/// fails; each must be refused with one of the expected errors (or, for `benign.tar.gz`,
/// extracted) and leave nothing behind.
@Suite
struct SafeExtractorFixtureTests {
    static let directory = archiveFixtureDirectory

    /// Fixture name → the error kinds that count as a correct refusal.
    static let expectations: [String: Set<String>] = [
        "absolute-path.tar": ["absolutePath"],
        "dotdot.tar": ["parentTraversal"],
        "dotdot-inner.tar": ["parentTraversal"],
        "symlink-escape.tar": ["linkEscapes"],
        "symlink-absolute.tar": ["linkEscapes"],
        "hardlink-escape.tar": ["linkEscapes"],
        "hardlink-dotdot.tar": ["linkEscapes", "parentTraversal"],
        "device.tar": ["forbiddenType"],
        "fifo.tar": ["forbiddenType"],
        "too-many-entries.tar.gz": ["tooManyEntries"],
        "zip-bomb.tar.gz": ["compressionRatio", "tooManyBytes"],
        "zip-bomb.zip": ["compressionRatio", "tooManyBytes"],
        "duplicate-entry.tar": ["duplicateEntry"],
        "path-traversal.zip": ["parentTraversal", "absolutePath"],
        "truncated.tar.gz": ["malformed"],
        "not-an-archive.bin": ["malformed"],
        "long-name.tar": ["invalidName"],
    ]

    static func kind(_ error: ArchiveError) -> String {
        switch error {
        case .absolutePath: return "absolutePath"
        case .parentTraversal: return "parentTraversal"
        case .linkEscapes: return "linkEscapes"
        case .forbiddenType: return "forbiddenType"
        case .tooManyEntries: return "tooManyEntries"
        case .tooManyBytes: return "tooManyBytes"
        case .compressionRatio: return "compressionRatio"
        case .duplicateEntry: return "duplicateEntry"
        case .invalidName: return "invalidName"
        case .malformed: return "malformed"
        case .destinationExists: return "destinationExists"
        }
    }

    @Test(arguments: expectations.keys.sorted())
    func hostileFixtureIsRefused(name: String) throws {
        let path = Self.directory + "/" + name
        #expect(FileManager.default.fileExists(atPath: path), "the fixture \(name) is missing: python3 fixtures/make-hostile-archives.py")
        let expected = try #require(Self.expectations[name])
        let scratch = try ScratchDirectory()
        let pwned = "/tmp/atrium-pwned"
        let pwnedBefore = FileManager.default.fileExists(atPath: pwned)
        // The fixture README's suite limit: 20 001 entries against 10 000.
        let limits = name == "too-many-entries.tar.gz" ? ExtractionLimits(maxEntries: 10_000) : .default
        let error = #expect(throws: ArchiveError.self) {
            try SafeExtractor(limits: limits).extract(from: try FileSource(path: path), into: scratch.destination)
        }
        if let error { #expect(expected.contains(Self.kind(error)), "\(name): \(error)") }
        #expect(scratch.isPristine, "left behind: \(scratch.listing())")
        if !pwnedBefore { #expect(!FileManager.default.fileExists(atPath: pwned)) }
    }

    @Test func benignFixtureExtracts() throws {
        let path = Self.directory + "/benign.tar.gz"
        try #require(FileManager.default.fileExists(atPath: path), "the fixture benign.tar.gz is missing")
        let scratch = try ScratchDirectory()
        let report = try SafeExtractor(readOnly: true).extract(from: try FileSource(path: path), into: scratch.destination)
        let out = scratch.destination
        #expect(report.files == 3)
        #expect(report.directories == 2)
        #expect(report.links == 2)
        #expect(try String(contentsOfFile: out + "/dir/file.txt", encoding: .utf8) == "hello from atrium\n")
        #expect(try String(contentsOfFile: out + "/hardlink.txt", encoding: .utf8) == "hello from atrium\n")
        #expect(try String(contentsOfFile: out + "/link", encoding: .utf8) == "hello from atrium\n")
        #expect(FileManager.default.contents(atPath: out + "/dir/sub/data.bin") == Data((0...255).map { UInt8($0) }))
        #expect(try SafeExtractorTests.mode(out + "/dir/sub/run.sh") == 0o555)
        #expect(try SafeExtractorTests.mode(out + "/dir/file.txt") == 0o444)
        try ExtractedTree.remove(at: scratch.destination)
        #expect(scratch.isPristine)
    }
}
