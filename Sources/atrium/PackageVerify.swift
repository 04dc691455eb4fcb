import ArgumentParser
import Foundation
import Store

struct PackageVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a package file against the trust store: key, signature, expiry, archive digest and size.")
    @OptionGroup var trust: TrustOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The package file.") var file: String

    func run() throws {
        let (envelope, archive) = try PackageFile.read(from: try FileSource(path: file))
        let statement = try PackageVerifier.verify(envelope, trust: try trust.load(), now: Date())
        let (digest, size) = try archive.sha256()
        guard digest == statement.archiveSHA256 else {
            throw PackageError.digestMismatch(expected: statement.archiveSHA256, actual: digest)
        }
        guard size == statement.size else { throw PackageError.sizeMismatch(expected: statement.size, actual: size) }
        try output.print(statement) {
            "OK \(statement.name)@\(statement.version) (\(statement.platform)), signed by \(envelope.keyId), archive \(statement.archiveSHA256), \(size) bytes"
        }
    }
}
