import ArgumentParser
import Foundation
import Store

struct CaseRestore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a case version (default: newest), verified; with -o the file appears only if intact.")
    @OptionGroup var location: StoreOptions
    @Argument(help: "The case's manifest digest.") var manifest: String
    @Option(help: "Version number (1 = oldest).") var version: Int?
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let cases = CaseStore(blobs: try location.open())
        let digest = try BlobDigest(parsing: manifest)
        if let output {
            let progress = ProgressReporter("restore")
            try cases.restore(manifest: digest, version: version, toFile: output) { progress.update($0.bytes) }
            progress.finish()
        } else {
            try cases.restore(manifest: digest, version: version, to: FileSink.standardOutput())
        }
    }
}
