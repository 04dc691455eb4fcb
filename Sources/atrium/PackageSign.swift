import ArgumentParser
import Foundation
import Store

struct PackageSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign an archive with a publisher key into a package file (.atpkg).")
    @Option(help: ArgumentHelp("The publisher's <id>.key.json.", valueName: "file")) var key: String
    @Option(help: "Package name (lowercase: a-z 0-9 . _ + -).") var name: String
    @Option(help: "Package version (same charset).") var version: String
    @Option(help: "Platform, e.g. linux-x86_64 or any.") var platform: String = "any"
    @Option(help: "Statement expiry (ISO 8601 or YYYY-MM-DD).") var expires: DateArgument?
    @Option(name: .shortAndLong, help: "Output package file.") var output: String
    @Argument(help: "The archive (tar, tar.gz, tar.zst, zip) holding the runtime.") var archive: String

    func run() throws {
        let pair = try PublisherKeyPair.load(fromFile: key)
        let envelope = try PackageSigner.sign(archive: try FileSource(path: archive), name: name, version: version,
                                              platform: platform, expires: expires?.date, key: pair)
        let statement = try PackageStatement.decode(envelope.statement)
        let tmp = output + ".partial"
        let sink = try FileSink(creating: tmp, mode: 0o644)
        do {
            try PackageFile.write(envelope: envelope, archive: try FileSource(path: archive), to: sink)
            try sink.close()
            // The archive may have changed between the two reads: check what was written.
            let check = try PackageFile.read(from: try FileSource(path: tmp))
            let digest = try check.archive.sha256().digest
            guard digest == statement.archiveSHA256 else {
                throw PackageError.digestMismatch(expected: statement.archiveSHA256, actual: digest)
            }
            guard rename(tmp, output) == 0 else { throw StoreError.io(operation: "rename", path: output, errno: errno) }
        } catch {
            unlink(tmp)
            throw error
        }
        print("signed \(statement.name)@\(statement.version) (\(statement.platform)) archive \(statement.archiveSHA256) with \(pair.id) → \(output)")
    }
}
