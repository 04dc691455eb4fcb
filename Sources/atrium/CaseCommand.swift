import ArgumentParser

/// `atrium case …`: versioned, compressed case data.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Save, restore and inspect versioned cases (zstd, reverse delta chains).",
        subcommands: [CaseSave.self, CaseRestore.self, CaseInspect.self]
    )
}
