import ArgumentParser
import Store

struct StoreStat: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stat", abstract: "Show a blob's size and time.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The blob's SHA-256.") var digest: String

    func run() throws {
        let store = try location.open()
        let d = try BlobDigest(parsing: digest)
        guard let info = try store.stat(d) else { throw StoreError.notFound(d) }
        try output.print(info) { "\(info.digest.hex)  \(info.size) bytes  \(info.modified)" }
    }
}
