import ArgumentParser
import Foundation
import Store

struct AppOpen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Decrypt a sealed app with the server's keyring and extract it safely into a new directory.")
    @Option(help: ArgumentHelp("Directory of app private keys (<id>.key.json).", valueName: "dir")) var keyring: String
    @Option(help: "Refuse unless the sealed app has this name.") var app: String?
    @Option(help: "Refuse unless the sealed app has this version.") var version: String?
    @Argument(help: "The sealed app file.") var file: String
    @Argument(help: "Destination directory (must not exist); use a private scratch directory, never the share.")
    var destination: String

    func run() throws {
        let ring = try AppKeyring.load(directory: keyring)
        let (header, plaintext) = try AppOpener.open(sealed: try FileSource(path: file), keyring: ring, expecting: app, version: version)
        let report = try SafeExtractor().extract(from: plaintext, into: destination)
        print("opened \(header.app)@\(header.version) (key \(header.keyId)): \(report.files) files, \(report.bytes) bytes into \(destination)")
    }
}
