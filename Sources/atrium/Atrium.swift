import ArgumentParser
import Store

@main
struct Atrium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atrium",
        abstract: "Atrium: a self-hosted platform for model-based decision apps.",
        subcommands: [ServeCommand.self, StoreCommand.self, KeysCommand.self, PackageCommand.self, AppCommand.self, CaseCommand.self,
                      LicenseCommand.self]
    )
}
