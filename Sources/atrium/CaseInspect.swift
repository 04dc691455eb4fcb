import ArgumentParser
import Foundation
import Store

struct CaseInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show a case's history: versions, sizes, encodings, chains.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The case's manifest digest.") var manifest: String

    func run() throws {
        let m = try CaseStore(blobs: try location.open()).history(manifest: try BlobDigest(parsing: manifest))
        try output.print(m) {
            var lines = ["case \(m.name)" + (m.app.map { " (app \($0))" } ?? "") + ": \(m.versions.count) versions, "
                + "\(ProgressReporter.bytes(m.storedSize)) stored"]
            for v in m.versions {
                let how = v.encoding == .full ? "full" + (v.fullReason.map { " (\($0.rawValue))" } ?? "") : "delta → v\(v.base ?? 0)"
                lines.append("  v\(v.number)  \(v.created)  \(ProgressReporter.bytes(v.size)) → \(ProgressReporter.bytes(v.storedSize))  \(how)  chain \((try? m.chainLength(of: v.number)) ?? 0)")
            }
            return lines.joined(separator: "\n")
        }
    }
}
