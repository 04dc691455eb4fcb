import ArgumentParser
import Foundation
import Store

struct StoreFsck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsck",
        abstract: "Re-hash every blob; report corrupt blobs, stray and temporary files. Exit 1 when not clean.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Move bad blobs and strays to quarantine/, remove abandoned temp files.") var repair = false
    @Option(help: "Temp files older than this many seconds count as abandoned.") var grace: Double = 24 * 3600

    func run() throws {
        let checker = StoreChecker(store: try location.open(), repair: repair, temporaryGrace: grace)
        let progress = ProgressReporter("fsck")
        let report = try checker.run { done, _ in progress.update(Int64(done)) }
        progress.finish()
        try output.print(report) { Self.describe(report) }
        if !report.isClean && !repair { throw ExitCode(1) }
    }

    static func describe(_ r: FsckReport) -> String {
        var lines = ["checked \(r.checkedBlobs) blobs, \(ProgressReporter.bytes(r.checkedBytes))"]
        for b in r.bad {
            lines.append("BAD \(b.digest.hex): \(b.reason)" + (b.quarantinedTo.map { " → \($0)" } ?? ""))
        }
        for s in r.strays { lines.append("STRAY \(s.path) (\(s.size) bytes)") }
        for t in r.temporaries { lines.append("TEMP \(t.path) (\(t.size) bytes, \(t.modified))") }
        lines.append(contentsOf: r.repaired.map { "repaired: \($0)" })
        lines.append(r.isClean ? "clean" : "NOT clean: \(r.bad.count) bad, \(r.strays.count) stray")
        return lines.joined(separator: "\n")
    }
}
