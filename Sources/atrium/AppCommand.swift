import ArgumentParser

/// `atrium app …`: apps sealed to the server's app key.
struct AppCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Seal an app archive to a server app key, open or inspect a sealed app.",
        subcommands: [AppSeal.self, AppOpen.self, AppInspect.self]
    )
}
