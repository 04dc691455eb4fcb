import Foundation
import Synchronization

/// What a solve's output says about the job, read from its lines as they arrive (on the
/// process monitor's thread, in order): the last `progress:` text and the `result:` status.
/// Every line is taken before the process's exit is published, so after `waitForExit()` this
/// holds the final words, whatever order the live progress tasks ran in.
final class JobOutput: Sendable {
    private struct Lines {
        var progress: String?
        var resultStatus: String?
    }
    private let lines = Mutex(Lines())

    /// Takes one output line; returns its progress text for `progress:` lines, else nil.
    func take(_ line: String) -> String? {
        if line.hasPrefix("progress:") {
            let text = String(line.dropFirst("progress:".count).trimmingCharacters(in: .whitespaces).prefix(500))
            lines.withLock { $0.progress = text }
            return text
        }
        if line.hasPrefix("result:") {
            let status = line.dropFirst("result:".count).trimmingCharacters(in: .whitespaces).lowercased()
            // One word the portal can show: `optimal`, `infeasible`, ... (anything else is ignored).
            if !status.isEmpty, status.count <= 32, status.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) {
                lines.withLock { $0.resultStatus = status }
            }
        }
        return nil
    }

    /// The last progress text.
    var progress: String? { lines.withLock { $0.progress } }
    /// The solver's conclusion from the last `result:` line.
    var resultStatus: String? { lines.withLock { $0.resultStatus } }
}
