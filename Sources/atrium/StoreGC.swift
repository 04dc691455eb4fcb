import ArgumentParser
import Foundation
import Store

struct StoreGC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete blobs not reachable from the roots and older than the grace period.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("File with one root digest per line (- for stdin).", valueName: "file"))
    var roots: String
    @Option(help: "Grace period in seconds; younger blobs and temp files are kept.") var grace: Double = 24 * 3600
    @Flag(help: "Only report what would be deleted.") var dryRun = false

    func run() throws {
        let store = try location.open()
        let text = roots == "-" ? String(decoding: try FileSource.standardInput().readAll(), as: UTF8.self)
            : try String(contentsOfFile: roots, encoding: .utf8)
        var rootSet = Set<BlobDigest>()
        for line in text.split(whereSeparator: \.isNewline) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            rootSet.insert(try BlobDigest(parsing: t))
        }
        let reachable = try RootSet(store: store).expand(rootSet)
        let report = try GarbageCollector(store: store, grace: grace, dryRun: dryRun).run(reachable: reachable)
        try output.print(report) {
            "\(dryRun ? "would delete" : "deleted") \(report.deleted.count) blobs (\(ProgressReporter.bytes(report.deletedBytes))), "
                + "kept \(report.kept) reachable and \(report.keptYoung) young, removed \(report.removedTemporaries.count) temp files"
        }
    }
}
