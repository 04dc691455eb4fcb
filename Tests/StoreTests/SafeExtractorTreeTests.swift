import Foundation
import Testing
@testable import Store

/// `ExtractedTree`: removal of read-only and deep trees, never following links out.
@Suite struct SafeExtractorTreeTests {
    @Test func deepReadOnlyTreeIsExtractedAndRemoved() throws {
        let scratch = try ScratchDirectory()
        let deep = String(repeating: "d/", count: 1500) + "leaf.txt"
        let report = try scratch.extract(ArchiveBuilder(.pax, .gzip).file(deep, "bottom").bytes(), readOnly: true)
        #expect(report.directories == 1500)
        #expect(try String(contentsOfFile: scratch.destination + "/" + deep, encoding: .utf8) == "bottom")
        try ExtractedTree.remove(at: scratch.destination)
        #expect(scratch.isPristine)
    }

    @Test func removalDoesNotFollowLinksOut() throws {
        let scratch = try ScratchDirectory()
        let outside = scratch.root + "/keep"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: false)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: outside + "/file"))
        let tree = scratch.sandbox + "/tree"
        try FileManager.default.createDirectory(atPath: tree + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tree + "/sub/link", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: tree + "/abs", withDestinationPath: outside + "/file")
        chmod(tree + "/sub", 0o555)
        chmod(tree, 0o555)
        try ExtractedTree.remove(at: tree)
        #expect(scratch.listing() == ["keep", "keep/file", "sandbox"])
    }

    @Test func removingASymlinkRemovesOnlyTheLink() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createSymbolicLink(atPath: scratch.destination, withDestinationPath: scratch.sandbox)
        try ExtractedTree.remove(at: scratch.destination)
        #expect(scratch.isPristine)
    }

    @Test func refusesToRemoveRootOrDots() {
        #expect(throws: StoreError.self) { try ExtractedTree.remove(at: "/") }
        #expect(throws: StoreError.self) { try ExtractedTree.remove(at: "a/..") }
        #expect(throws: StoreError.self) { try ExtractedTree.remove(at: ".") }
    }
}
