import ArgumentParser
import Foundation
import Store

struct CaseSave: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save",
        abstract: "Save a file as a new case version; prints the new manifest digest (the case's new head).")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Case name.") var name: String = "case"
    @Option(help: "The app the case belongs to.") var app: String?
    @Option(help: ArgumentHelp("The case's current head manifest; omit for a new case.", valueName: "sha256")) var parent: String?
    @Argument(help: "The case data file, or - for standard input.") var file: String

    struct Shown: Encodable {
        let manifest: BlobDigest
        let version: CaseVersion
        let inputBytes: Int64
        let storedBytesAdded: Int64
    }

    func run() throws {
        let cases = CaseStore(blobs: try location.open())
        let source = file == "-" ? FileSource.standardInput() : try FileSource(path: file)
        let progress = ProgressReporter("save", total: source.fileSize())
        let result = try cases.save(from: source, name: name, app: app, parent: try parent.map { try BlobDigest(parsing: $0) }) {
            progress.update($0.bytes)
        }
        progress.finish()
        let shown = Shown(manifest: result.manifestDigest, version: result.version,
                          inputBytes: result.stats.inputBytes, storedBytesAdded: result.stats.storedBytesAdded)
        try output.print(shown) { result.manifestDigest.hex }
    }
}
