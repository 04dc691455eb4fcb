import ArgumentParser

/// `atrium package …`: signed runtime packages.
struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Sign, verify, inspect, add and extract signed runtime packages.",
        subcommands: [PackageSign.self, PackageVerify.self, PackageInspect.self, PackageAdd.self, PackageExtract.self]
    )
}
