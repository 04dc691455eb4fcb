import ArgumentParser

/// `atrium license …`: signed seat licenses (`.atlic` files).
struct LicenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license",
        abstract: "Sign and inspect seat licenses.",
        subcommands: [LicenseSign.self, LicenseInspect.self]
    )
}
