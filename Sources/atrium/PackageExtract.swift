import ArgumentParser
import Foundation
import Store

struct PackageExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Verify a stored package again (current trust store) and extract exactly the verified bytes, read-only.")
    @OptionGroup var location: StoreOptions
    @OptionGroup var trust: TrustOptions
    @Argument(help: "Package name.") var name: String
    @Argument(help: "Package version.") var version: String
    @Argument(help: "Destination directory (must not exist).") var destination: String
    @Flag(help: "Leave the extracted tree writable.") var writable = false

    func run() throws {
        let packages = try location.packageStore(trust: try trust.load())
        let (statement, reader) = try packages.verifiedArchive(name: name, version: version)
        let report = try SafeExtractor(readOnly: !writable).extract(from: reader, into: destination)
        print("extracted \(statement.name)@\(statement.version) (\(report.files) files, \(report.bytes) bytes) into \(destination)")
    }
}
