import CArchive
import Foundation
import Testing
@testable import Store

/// Each hostile archive is refused with its exact error, leaving nothing anywhere.
@Suite struct SafeExtractorHostileTests {
    typealias B = ArchiveBuilder

    @Test func absolutePath() throws {
        let scratch = try ScratchDirectory()
        let victim = scratch.root + "/victim.txt"
        scratch.expectRefusal(B().file("ok.txt", "fine").file(victim, "owned").bytes(), .absolutePath(victim))
        #expect(!FileManager.default.fileExists(atPath: victim))
    }

    @Test func dotDot() throws {
        try ScratchDirectory().expectRefusal(B().file("../evil.txt", "x").bytes(), .parentTraversal("../evil.txt"))
    }

    @Test func dotDotInner() throws {
        let name = "a/b/../../../../evil.txt"
        try ScratchDirectory().expectRefusal(B().file("a/b/c.txt", "x").file(name, "x").bytes(), .parentTraversal(name))
    }

    @Test func dotDotThatWouldStayInsideIsStillRefused() throws {
        try ScratchDirectory().expectRefusal(B().file("a/../b.txt", "x").bytes(), .parentTraversal("a/../b.txt"))
    }

    @Test func symlinkEscape() throws {
        try ScratchDirectory().expectRefusal(B().symlink("pkg/link", to: "../../outside").bytes(),
                                             .linkEscapes(path: "pkg/link", target: "../../outside"))
    }

    @Test func symlinkAbsolute() throws {
        try ScratchDirectory().expectRefusal(B().symlink("etc", to: "/etc").bytes(), .linkEscapes(path: "etc", target: "/etc"))
    }

    @Test func symlinkClimbingAfterANameIsRefused() throws {
        // a/b/up -> ../.. is the root; x -> a/b/up/.. looks like "a/b" lexically, but resolves above the root.
        let bytes = B().directory("a/b/").symlink("a/b/up", to: "../..").symlink("x", to: "a/b/up/..").bytes()
        try ScratchDirectory().expectRefusal(bytes, .linkEscapes(path: "x", target: "a/b/up/.."))
    }

    @Test func writeThroughAnEarlierSymlinkIsRefused() throws {
        let bytes = B().symlink("l", to: ".").file("l/f.txt", "x").bytes()
        try ScratchDirectory().expectRefusal(bytes, .linkEscapes(path: "l/f.txt", target: "l"))
    }

    @Test func fileOverAnEarlierSymlinkIsRefused() throws {
        let bytes = B().file("a.txt", "a").symlink("l", to: "a.txt").file("l", "overwrite").bytes()
        try ScratchDirectory().expectRefusal(bytes, .duplicateEntry("l"))
    }

    @Test func directoryOverAnEarlierSymlinkIsRefused() throws {
        let bytes = B().directory("real/").symlink("l", to: "real").directory("l/").bytes()
        try ScratchDirectory().expectRefusal(bytes, .duplicateEntry("l"))
    }

    @Test func hardlinkEscape() throws {
        try ScratchDirectory().expectRefusal(B().hardlink("h", to: "/etc/passwd").bytes(),
                                             .linkEscapes(path: "h", target: "/etc/passwd"))
    }

    @Test func hardlinkDotDot() throws {
        try ScratchDirectory().expectRefusal(B().hardlink("h", to: "../x").bytes(), .linkEscapes(path: "h", target: "../x"))
    }

    @Test func hardlinkToAFileNotExtractedBefore() throws {
        let bytes = B().hardlink("h", to: "later.txt").file("later.txt", "x").bytes()
        try ScratchDirectory().expectRefusal(bytes, .linkEscapes(path: "h", target: "later.txt"))
    }

    @Test func hardlinkToADirectoryOrSymlink() throws {
        let toDir = B().directory("d/").hardlink("h", to: "d").bytes()
        try ScratchDirectory().expectRefusal(toDir, .linkEscapes(path: "h", target: "d"))
        let toLink = B().file("a.txt", "a").symlink("s", to: "a.txt").hardlink("h", to: "s").bytes()
        try ScratchDirectory().expectRefusal(toLink, .linkEscapes(path: "h", target: "s"))
    }

    @Test func devicesAndFIFOs() throws {
        try ScratchDirectory().expectRefusal(B().special("dev/null", type: ATRIUM_AE_IFCHR).bytes(),
                                             .forbiddenType(path: "dev/null", kind: "character device"))
        try ScratchDirectory().expectRefusal(B().special("sda", type: ATRIUM_AE_IFBLK).bytes(),
                                             .forbiddenType(path: "sda", kind: "block device"))
        try ScratchDirectory().expectRefusal(B().file("a", "a").special("fifo", type: ATRIUM_AE_IFIFO).bytes(),
                                             .forbiddenType(path: "fifo", kind: "FIFO"))
    }

    @Test func tooManyEntries() throws {
        let b = B()
        for i in 0..<60 { b.file("f\(i)", "") }
        try ScratchDirectory().expectRefusal(b.bytes(), .tooManyEntries(limit: 50), limits: ExtractionLimits(maxEntries: 50))
    }

    @Test func tooManyBytes() throws {
        let bytes = B().file("a", [UInt8](repeating: 7, count: 600)).file("b", [UInt8](repeating: 7, count: 600)).bytes()
        try ScratchDirectory().expectRefusal(bytes, .tooManyBytes(limit: 1000), limits: ExtractionLimits(maxTotalBytes: 1000))
    }

    @Test(arguments: [B.Format.pax, .zip])
    func zipBomb(format: B.Format) throws {
        let bytes = B(format, format == .zip ? .none : .gzip).zeros("zeros", count: 64 << 20).bytes()
        #expect(bytes.count < 1 << 20)
        try ScratchDirectory().expectRefusal(bytes, .compressionRatio(limit: 100))
    }

    @Test func duplicateEntries() throws {
        try ScratchDirectory().expectRefusal(B().file("a.txt", "1").file("./a.txt", "2").bytes(), .duplicateEntry("a.txt"))
        try ScratchDirectory().expectRefusal(B().directory("d/").file("d", "x").bytes(), .duplicateEntry("d"))
        try ScratchDirectory().expectRefusal(B().file("f", "x").directory("f/").bytes(), .duplicateEntry("f"))
        try ScratchDirectory().expectRefusal(B().file("f", "x").file("f/g", "y").bytes(), .duplicateEntry("f/g"))
    }

    @Test func longNames() throws {
        let long = String(repeating: "a/", count: 2100) + "x"
        try ScratchDirectory().expectRefusal(B().file(long, "x").bytes(), .invalidName(long))
        let component = "d/" + String(repeating: "c", count: 256)
        try ScratchDirectory().expectRefusal(B().file(component, "x").bytes(), .invalidName(component))
    }

    @Test func truncated() throws {
        let whole = B(.pax, .gzip).file("a", (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).bytes()
        try ScratchDirectory().expectMalformed(Array(whole[0..<(whole.count / 2)]))
    }

    @Test func notAnArchive() throws {
        try ScratchDirectory().expectMalformed(Array("this is plain text, not an archive at all\n".utf8))
        try ScratchDirectory().expectMalformed((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 13) })
    }

    /// An mtree manifest names local files instead of carrying data: not accepted as an archive.
    @Test func mtreeManifestIsNotAnArchive() throws {
        let mtree = "#mtree\nstolen type=file contents=/etc/hostname\n"
        try ScratchDirectory().expectMalformed(Array(mtree.utf8))
    }
}
