import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress of long operations on stderr, only when stderr is a terminal, at most ~10 updates/s.
final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let total: Int64?
    private let enabled: Bool
    private var last = Date.distantPast
    private let started = Date()

    init(_ label: String, total: Int64? = nil, enabled: Bool = isatty(2) == 1) {
        self.label = label
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.enabled = enabled
    }

    func update(_ done: Int64) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.1 else { return }
        last = now
        let rate = Double(done) / max(now.timeIntervalSince(started), 0.001)
        var line = "\r\(label): \(Self.bytes(done))"
        if let total { line += " / \(Self.bytes(total)) (\(Int(Double(done) * 100 / Double(total)))%)" }
        line += "  \(Self.bytes(Int64(rate)))/s   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled, last != .distantPast else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func bytes(_ n: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}
