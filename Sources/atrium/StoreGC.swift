import ArgumentParser
import Foundation
import Gateway
import Store

/// `atrium store gc`: roots from the catalog (`--catalog`, or `--data` for a server's data
/// directory), or from a file (`--roots`).
struct StoreGC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete blobs not reachable from the roots and older than the grace period.",
        discussion: """
            Roots come from the catalog (--catalog URL-or-FILE, or --data DIR for DIR/catalog.sqlite and DIR/store), \
            or from a file of digests (--roots). A server runs this itself every gcIntervalSeconds.
            """)
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("File with one root digest per line (- for stdin).", valueName: "file"))
    var roots: String?
    @Option(help: ArgumentHelp("The catalog whose cases, apps, packages and logs are the roots: a postgres:// URL or a SQLite file.",
                               valueName: "db"))
    var catalog: String?
    @Option(help: ArgumentHelp("A server's data directory: --catalog DIR/catalog.sqlite, and --store DIR/store unless given.",
                               valueName: "dir"))
    var data: String?
    @Option(help: "Grace period in seconds; younger blobs and temp files are kept.") var grace: Double = 24 * 3600
    @Flag(help: "Only report what would be deleted.") var dryRun = false

    func validate() throws {
        let sources = [roots != nil, catalog != nil, data != nil].filter { $0 }.count
        guard sources == 1 else { throw ValidationError("Give exactly one of --roots, --catalog and --data.") }
        guard grace >= 0, grace.isFinite else { throw ValidationError("--grace must be 0 or more seconds.") }
    }

    func run() async throws {
        var storePath = location.path
        if let data, location.store == nil { storePath = data + "/store" }
        let store = try BlobStore.open(at: storePath)
        if let database = catalog ?? data.map({ $0 + "/catalog.sqlite" }) {
            let run: StoreGCRun
            do {
                run = try await StoreCollector.collectOnce(store: store, database: database, grace: grace, dryRun: dryRun)
            } catch let error as ConfigurationError {
                throw ValidationError(error.description)
            }
            try output.print(run) {
                "\(dryRun ? "would delete" : "deleted") \(run.deletedBlobs) blobs (\(ProgressReporter.bytes(run.deletedBytes))), "
                    + "kept \(run.keptReachable) reachable and \(run.keptYoung) young, removed \(run.removedTemporaries) temp files"
            }
            return
        }
        let text = roots == "-" ? String(decoding: try FileSource.standardInput().readAll(), as: UTF8.self)
            : try String(contentsOfFile: roots ?? "", encoding: .utf8)
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
