import ArgumentParser
import Foundation
import Store

struct KeysRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a publisher key: its packages are refused from then on, also at launch.")
    @OptionGroup var trust: TrustOptions
    @Argument(help: "The key id.") var id: String
    @Option(help: "When the revocation takes effect (default now).") var at: DateArgument?

    func run() throws {
        var store = try trust.load()
        try store.revoke(id, at: at?.date ?? Date())
        try trust.save(store)
        print("revoked \(id)")
    }
}
