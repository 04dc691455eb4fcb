import ArgumentParser
import Store

struct StoreList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the blobs in the store.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let blobs = try location.open().list()
        try output.print(blobs) { blobs.map { "\($0.digest.hex)  \($0.size)" }.joined(separator: "\n") }
    }
}
