import Foundation
@testable import Store

/// A private temporary directory for one test: `root/sandbox/` is where destinations go, so a
/// test can prove that nothing was written next to the destination (`sandbox`) or one level
/// further up (`root`). Removed, read-only trees included, when the test ends.
final class ScratchDirectory {
    let root: String
    let sandbox: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/atrium-extract-test-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else {
            throw StoreError.io(operation: "mkdtemp", path: NSTemporaryDirectory(), errno: errno)
        }
        root = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        sandbox = root + "/sandbox"
        try FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: false)
    }

    deinit { try? ExtractedTree.remove(at: root) }

    /// The destination used by the tests; it does not exist before extraction.
    var destination: String { sandbox + "/out" }

    /// Every path below `root`, relative, sorted (symbolic links are listed, not followed).
    func listing() -> [String] {
        (FileManager.default.subpaths(atPath: root) ?? []).sorted()
    }

    /// True when only the empty sandbox is there: no destination, no staging leftovers, no
    /// escaped writes.
    var isPristine: Bool { listing() == ["sandbox"] }
}
