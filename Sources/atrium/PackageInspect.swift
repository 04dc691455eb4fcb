import ArgumentParser
import Foundation
import Store

struct PackageInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show a package file's statement WITHOUT verifying it.")
    @OptionGroup var output: OutputOptions
    @Argument(help: "The package file.") var file: String

    struct Shown: Encodable { let verified = false; let keyId: String; let statement: PackageStatement }

    func run() throws {
        let (envelope, _) = try PackageFile.read(from: try FileSource(path: file))
        let statement = try PackageStatement.decode(envelope.statement)
        try output.print(Shown(keyId: envelope.keyId, statement: statement)) {
            """
            UNVERIFIED (use `atrium package verify`)
            name:     \(statement.name)
            version:  \(statement.version)
            platform: \(statement.platform)
            archive:  \(statement.archiveSHA256) (\(statement.size) bytes)
            created:  \(statement.created)
            expires:  \(statement.expires.map { "\($0)" } ?? "never")
            key:      \(envelope.keyId)
            """
        }
    }
}
