import ArgumentParser
import Foundation
import Store

/// Where the store is: `--store`, else `$ATRIUM_STORE`, else `./atrium-data/store`.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Store directory (local or on an SMB mount).", valueName: "dir"))
    var store: String?

    var path: String {
        store ?? ProcessInfo.processInfo.environment["ATRIUM_STORE"] ?? "atrium-data/store"
    }

    func open() throws -> BlobStore { try BlobStore.open(at: path) }
}
