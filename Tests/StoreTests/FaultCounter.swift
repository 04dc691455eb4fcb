import Foundation
import Synchronization

/// Injects each configured errno a fixed number of times per operation, then lets calls through.
final class FaultCounter: Sendable {
    private let state: Mutex<(remaining: [String: Int], injected: Int)>
    private let errnos: [Int32]

    init(failures: [String: Int], errnos: [Int32]) {
        state = Mutex((failures, 0))
        self.errnos = errnos
    }

    var injected: Int { state.withLock { $0.injected } }

    func next(_ operation: String) -> Int32? {
        state.withLock { s in
            guard let left = s.remaining[operation], left > 0 else { return nil }
            s.remaining[operation] = left - 1
            s.injected += 1
            return errnos[left % errnos.count]
        }
    }
}
