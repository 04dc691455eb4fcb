import Foundation

/// glpsol's output kept for the solution's log: everything up to a limit, then the first half
/// and the newest lines, with a note of how much was dropped.
struct GlpsolLog {
    let limit: Int
    private var head: [String] = []
    private var headBytes = 0
    private var tailLines: [String] = []
    private var tailBytes = 0
    private var dropped = 0

    init(limit: Int) { self.limit = limit }

    mutating func append(_ line: String) {
        let size = line.utf8.count + 1
        if tailLines.isEmpty, headBytes + size <= limit / 2 {
            head.append(line)
            headBytes += size
            return
        }
        tailLines.append(line)
        tailBytes += size
        while tailBytes > limit / 2, !tailLines.isEmpty {
            tailBytes -= tailLines[0].utf8.count + 1
            tailLines.removeFirst()
            dropped += 1
        }
    }

    var text: String {
        var lines = head
        if dropped > 0 { lines.append("… \(dropped) lines dropped …") }
        return (lines + tailLines).joined(separator: "\n")
    }

    func tail(lines count: Int) -> String {
        (head + tailLines).suffix(count).joined(separator: "\n")
    }
}
