import ArgumentParser
import Store

struct StoreInit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a new store.")
    @OptionGroup var location: StoreOptions

    func run() throws {
        let store = try BlobStore.initialize(at: location.path)
        print("initialized store \(store.marker?.id ?? "") at \(location.path)")
    }
}
