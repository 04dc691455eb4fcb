import ArgumentParser

/// `atrium keys …`: publisher signing keys, server app keys, and the trust store.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate keys and manage the trust store of publisher keys.",
        subcommands: [KeysGenerate.self, KeysTrust.self, KeysRevoke.self, KeysList.self]
    )
}
