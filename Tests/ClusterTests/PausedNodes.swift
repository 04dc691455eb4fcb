import Foundation

/// The nodes a test has SIGSTOPped (calls go to other nodes meanwhile).
final class PausedNodes: @unchecked Sendable {
    private let lock = NSLock()
    private var set: Set<String> = []
    func insert(_ name: String) { _ = lock.withLock { set.insert(name) } }
    func remove(_ name: String) { _ = lock.withLock { set.remove(name) } }
    var names: Set<String> { lock.withLock { set } }
}
