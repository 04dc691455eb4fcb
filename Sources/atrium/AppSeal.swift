import ArgumentParser
import Foundation
import Store

struct AppSeal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal an app archive (HPKE X25519/HKDF-SHA256/AES-256-GCM, streamed in chunks) to a server app key.")
    @Option(help: ArgumentHelp("The server's app public key, <id>.pub.json.", valueName: "file")) var to: String
    @Option(help: "App name (lowercase).") var app: String
    @Option(help: "App version.") var version: String
    @Option(help: "Plaintext chunk size in bytes.") var chunkSize: Int = SealedAppHeader.defaultChunkSize
    @Option(name: .shortAndLong, help: "Output sealed file (.atapp).") var output: String
    @Argument(help: "The app archive (tar, tar.gz, zip) with the model and its web UI.") var archive: String

    func run() throws {
        let recipient = try AppPublicKey.load(fromFile: to)
        let source = try FileSource(path: archive)
        let progress = ProgressReporter("seal", total: source.fileSize())
        let counting = ProgressSource(source, progress.update)
        let tmp = output + ".partial"
        let sink = try FileSink(creating: tmp, mode: 0o644)
        do {
            let header = try AppSealer.seal(plaintext: counting, app: app, version: version, to: recipient, into: sink, chunkSize: chunkSize)
            try sink.sync()
            try sink.close()
            guard rename(tmp, output) == 0 else { throw StoreError.io(operation: "rename", path: output, errno: errno) }
            progress.finish()
            print("sealed \(header.app)@\(header.version) to \(header.keyId) → \(output)")
        } catch {
            unlink(tmp)
            throw error
        }
    }
}
