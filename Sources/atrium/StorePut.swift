import ArgumentParser
import Store

struct StorePut: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Add a file (or stdin with -) to the store; prints its digest.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Refuse unless the content has this SHA-256.", valueName: "sha256"))
    var expect: String?
    @Argument(help: "The file to add, or - for standard input.")
    var file: String

    func run() throws {
        let store = try location.open()
        let expected = try expect.map { try BlobDigest(parsing: $0) }
        let source = file == "-" ? FileSource.standardInput() : try FileSource(path: file)
        let progress = ProgressReporter("put", total: source.fileSize())
        let info = try store.put(from: source, expected: expected, progress: progress.update)
        progress.finish()
        try output.print(info) { info.digest.hex }
    }
}
