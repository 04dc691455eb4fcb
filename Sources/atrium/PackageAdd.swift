import ArgumentParser
import Foundation
import Store

struct PackageAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Verify a package file and add it to the store (name@version is write-once).")
    @OptionGroup var location: StoreOptions
    @OptionGroup var trust: TrustOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The package file.") var file: String

    func run() throws {
        let packages = try location.packageStore(trust: try trust.load())
        let stored = try packages.ingest(packageFile: try FileSource(path: file))
        try output.print(stored.envelopeDigest.hex) {
            "added \(stored.statement.name)@\(stored.statement.version): envelope \(stored.envelopeDigest.hex), archive \(stored.archiveDigest.hex)"
        }
    }
}
