import Testing
@testable import Store

/// Entry-name normalization and symbolic-link target checks, without archives.
@Suite struct SafeExtractorNameTests {
    let limits = ExtractionLimits.default

    func normalized(_ raw: String) throws -> String {
        try EntryPath.normalize(raw, limits: limits).description
    }

    @Test func normalizes() throws {
        #expect(try normalized("./a//b/./c/") == "a/b/c")
        #expect(try normalized("././x") == "x")
        #expect(try EntryPath.normalize("./", limits: limits).isRoot)
        #expect(try EntryPath.normalize(".", limits: limits).isRoot)
    }

    @Test func refuses() {
        #expect(throws: ArchiveError.invalidName("")) { try normalized("") }
        #expect(throws: ArchiveError.invalidName("a\0b")) { try normalized("a\0b") }
        #expect(throws: ArchiveError.absolutePath("/x")) { try normalized("/x") }
        #expect(throws: ArchiveError.absolutePath("//x")) { try normalized("//x") }
        #expect(throws: ArchiveError.parentTraversal("a/..")) { try normalized("a/..") }
        #expect(throws: ArchiveError.parentTraversal("..")) { try normalized("..") }
    }

    @Test(arguments: ["a.txt", ".", "../x", "../../d/e", "./b/../c"])
    func linkTargetsThatStayInside(target: String) throws {
        let link = try EntryPath.normalize("d/e/link", limits: limits)
        if target == "./b/../c" {
            #expect(throws: ArchiveError.linkEscapes(path: "d/e/link", target: target)) {
                try link.checkSymlinkTarget(target, limits: limits)
            }
        } else {
            try link.checkSymlinkTarget(target, limits: limits)
        }
    }

    @Test(arguments: ["", "/etc", "../../../x", "..//../..//..", "a/../../..", "x/.."])
    func linkTargetsThatEscape(target: String) throws {
        let link = try EntryPath.normalize("d/e/link", limits: limits)
        #expect(throws: ArchiveError.linkEscapes(path: "d/e/link", target: target)) {
            try link.checkSymlinkTarget(target, limits: limits)
        }
    }

    @Test func messagesAreOneLine() {
        let errors: [ArchiveError] = [
            .absolutePath("/x"), .parentTraversal("../x"), .linkEscapes(path: "l", target: "/etc"),
            .forbiddenType(path: "d", kind: "FIFO"), .tooManyEntries(limit: 5), .tooManyBytes(limit: 5),
            .compressionRatio(limit: 100), .duplicateEntry("a"), .invalidName("a\nb"), .malformed("truncated"),
            .destinationExists("/x"),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
        }
        #expect(ArchiveError.compressionRatio(limit: 100).description.contains("100 times"))
    }
}
