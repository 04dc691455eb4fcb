import ArgumentParser
import Store

struct StoreGet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Read a blob, verified. With -o the file appears only if the digest checks out.")
    @OptionGroup var location: StoreOptions
    @Argument(help: "The blob's SHA-256.") var digest: String
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

    func run() throws {
        let store = try location.open()
        let d = try BlobDigest(parsing: digest)
        if let output {
            let progress = ProgressReporter("get", total: try store.stat(d)?.size)
            try store.copy(d, toFile: output, progress: progress.update)
            progress.finish()
        } else {
            // A stream cannot be taken back: a corrupt blob ends in an error and a non-zero exit.
            try store.open(d).copy(to: FileSink.standardOutput())
        }
    }
}
