import Foundation
import Testing
@testable import Store

/// Benign archives: what gets created, with which modes, in every supported format.
@Suite struct SafeExtractorTests {
    /// A small package tree: directories (one repeated, one implied), files, an executable,
    /// symbolic links inside, and optionally a hard link.
    static func packageArchive(_ format: ArchiveBuilder.Format = .pax, _ filter: ArchiveBuilder.Filter = .gzip,
                               hardLink: Bool = true) -> [UInt8] {
        let b = ArchiveBuilder(format, filter)
            .directory("./")
            .directory("pkg/")
            .file("pkg/a.txt", "alpha\n")
            .file("./pkg/bin/run", "#!/bin/sh\necho hi\n", mode: 0o755)
            .directory("pkg/")
            .symlink("pkg/link", to: "a.txt")
            .symlink("pkg/bin/up", to: "../a.txt")
            .file("pkg/deep/er/b.txt", "beta")
        if hardLink { b.hardlink("pkg/hard", to: "pkg/a.txt") }
        return b.bytes()
    }

    static func mode(_ path: String) throws -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { throw StoreError.io(operation: "lstat", path: path, errno: errno) }
        return st.st_mode & 0o7777
    }

    static func inode(_ path: String) -> ino_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_ino : 0
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func benignRoundTrip() throws {
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(Self.packageArchive())
        let out = scratch.destination
        #expect(report == ExtractionReport(entries: 9, files: 3, directories: 4, links: 3, bytes: 6 + 18 + 4))
        #expect(try Self.text(out + "/pkg/a.txt") == "alpha\n")
        #expect(try Self.text(out + "/pkg/deep/er/b.txt") == "beta")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out + "/pkg/link") == "a.txt")
        #expect(try Self.text(out + "/pkg/bin/up") == "alpha\n")
        #expect(Self.inode(out + "/pkg/hard") == Self.inode(out + "/pkg/a.txt"))
        #expect(try Self.mode(out + "/pkg/a.txt") == 0o644)
        #expect(try Self.mode(out + "/pkg/bin/run") == 0o755)
        #expect(try Self.mode(out) == 0o755)
        #expect(try Self.mode(out + "/pkg/deep") == 0o755)
        #expect(scratch.listing() == [
            "sandbox", "sandbox/out", "sandbox/out/pkg", "sandbox/out/pkg/a.txt", "sandbox/out/pkg/bin",
            "sandbox/out/pkg/bin/run", "sandbox/out/pkg/bin/up", "sandbox/out/pkg/deep", "sandbox/out/pkg/deep/er",
            "sandbox/out/pkg/deep/er/b.txt", "sandbox/out/pkg/hard", "sandbox/out/pkg/link",
        ])
    }

    @Test func readOnlyTreeHasReadOnlyModesAndCanBeRemoved() throws {
        let scratch = try ScratchDirectory()
        try scratch.extract(Self.packageArchive(), readOnly: true)
        let out = scratch.destination
        #expect(try Self.mode(out) == 0o555)
        #expect(try Self.mode(out + "/pkg") == 0o555)
        #expect(try Self.mode(out + "/pkg/deep/er") == 0o555)
        #expect(try Self.mode(out + "/pkg/a.txt") == 0o444)
        #expect(try Self.mode(out + "/pkg/bin/run") == 0o555)
        try ExtractedTree.remove(at: out)
        #expect(scratch.isPristine)
        try ExtractedTree.remove(at: out) // already gone: fine
    }

    @Test(arguments: [
        (ArchiveBuilder.Format.pax, ArchiveBuilder.Filter.none), (.pax, .zstd), (.gnutar, .bzip2),
        (.ustar, .xz), (.cpio, .gzip),
    ])
    func formatsAndFilters(format: ArchiveBuilder.Format, filter: ArchiveBuilder.Filter) throws {
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(Self.packageArchive(format, filter, hardLink: format != .cpio))
        #expect(report.files == 3)
        #expect(try Self.text(scratch.destination + "/pkg/bin/up") == "alpha\n")
        #expect(try Self.mode(scratch.destination + "/pkg/bin/run") == 0o755)
    }

    /// Zip is read as a stream (local headers only): modes and symbolic links, which zip keeps
    /// in the central directory, are not seen — links arrive as files holding their target.
    @Test func zipIsReadAsAStream() throws {
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(Self.packageArchive(.zip, .none, hardLink: false))
        #expect(report.files == 5)
        #expect(report.links == 0)
        #expect(try Self.text(scratch.destination + "/pkg/a.txt") == "alpha\n")
        #expect(try Self.text(scratch.destination + "/pkg/deep/er/b.txt") == "beta")
        #expect(try Self.text(scratch.destination + "/pkg/bin/up") == "../a.txt")
    }

    @Test func cpioHardLinkDataOnTheLastLink() throws {
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(ArchiveBuilder(.cpio, .gzip).linkedPair("a", "b", "shared").bytes())
        #expect(report.files == 1)
        #expect(report.links == 1)
        #expect(try Self.text(scratch.destination + "/a") == "shared")
        #expect(Self.inode(scratch.destination + "/a") == Self.inode(scratch.destination + "/b"))
    }

    @Test(arguments: [ArchiveBuilder.Format.pax, .zip])
    func unicodeNames(format: ArchiveBuilder.Format) throws {
        let scratch = try ScratchDirectory()
        try scratch.extract(ArchiveBuilder(format, .none).file("données/été.txt", "ok").bytes())
        #expect(try Self.text(scratch.destination + "/données/été.txt") == "ok")
    }

    @Test func rootOnlyArchiveMakesAnEmptyDirectory() throws {
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(ArchiveBuilder(.pax, .gzip).directory("./").bytes())
        #expect(report == ExtractionReport(entries: 1))
        #expect(scratch.listing() == ["sandbox", "sandbox/out"])
    }

    @Test func smallCompressibleArchiveIsNotRefusedForItsRatio() throws {
        let scratch = try ScratchDirectory()
        let report = try scratch.extract(ArchiveBuilder(.pax, .gzip).zeros("zeros", count: 1 << 20).bytes())
        #expect(report.bytes == 1 << 20)
    }

    @Test func existingDestinationIsRefusedAndUntouched() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.destination, withIntermediateDirectories: false)
        #expect(throws: ArchiveError.destinationExists(scratch.destination)) {
            try scratch.extract(Self.packageArchive())
        }
        #expect(scratch.listing() == ["sandbox", "sandbox/out"])
    }

    @Test func missingParentIsAnIOError() throws {
        let scratch = try ScratchDirectory()
        let error = #expect(throws: StoreError.self) {
            try SafeExtractor().extract(from: MemorySource(Self.packageArchive()), into: scratch.sandbox + "/no/out")
        }
        if case .io(_, _, let e)? = error { #expect(e == ENOENT) } else { Issue.record("got \(String(describing: error))") }
        #expect(scratch.isPristine)
    }
}
