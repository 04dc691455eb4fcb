import ArgumentParser

/// `atrium store …`: the content-addressed blob store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Manage the content-addressed blob store.",
        subcommands: [StoreInit.self, StorePut.self, StoreGet.self, StoreStat.self, StoreList.self, StoreFsck.self, StoreGC.self]
    )
}
