import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private directory (mode 0700) for one operation's temporary files, removed with everything
/// in it when the operation ends (`remove()`, or at the latest when the object goes away).
final class ScratchSpace {
    let directory: String
    private var removed = false
    private var counter = 0

    /// Creates `parent/atrium-case-XXXXXX`.
    init(parent: String) throws {
        var template = Array((parent.hasSuffix("/") ? parent : parent + "/").utf8CString.dropLast())
        template += Array("atrium-case-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw StoreError.io(operation: "mkdtemp", path: parent, errno: errno) }
        directory = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A fresh file name inside the directory; `label` only helps someone reading a listing.
    func newPath(_ label: String) -> String {
        counter += 1
        return "\(directory)/\(counter)-\(label)"
    }

    /// Deletes a file made earlier (keeps disk use at one or two versions during long chains).
    func discard(_ path: String) { unlink(path) }

    func remove() {
        guard !removed else { return }
        removed = true
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { remove() }
}
