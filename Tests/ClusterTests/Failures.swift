import Foundation

/// Whether anything in a test failed (so the logs are printed).
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func mark() { lock.withLock { value = true } }
    var marked: Bool { lock.withLock { value } }
}
