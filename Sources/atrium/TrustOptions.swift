import ArgumentParser
import Foundation
import Store

/// Where the trust store of publisher keys is: `--trust-store`, `$ATRIUM_TRUST_STORE`, or
/// `./atrium-data/trust.json`. It is server configuration, kept off the share.
struct TrustOptions: ParsableArguments {
    @Option(name: .customLong("trust-store"), help: ArgumentHelp("Trust store file.", valueName: "file"))
    var trustStore: String?

    var path: String {
        trustStore ?? ProcessInfo.processInfo.environment["ATRIUM_TRUST_STORE"] ?? "atrium-data/trust.json"
    }

    /// The trust store, or an empty one when the file does not exist yet.
    func load() throws -> TrustStore {
        FileManager.default.fileExists(atPath: path) ? try TrustStore.load(fromFile: path) : TrustStore()
    }

    func save(_ trust: TrustStore) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try OwnerOnly.makeDirectories(dir) }
        try trust.save(toFile: path)
    }
}
