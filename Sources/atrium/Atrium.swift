import ArgumentParser
import Store

@main
struct Atrium: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atrium",
        abstract: "Atrium: a self-hosted platform for model-based decision apps.",
        subcommands: [StoreCommand.self, KeysCommand.self, PackageCommand.self, AppCommand.self, CaseCommand.self]
    )
}
