import ArgumentParser
import Foundation
import Store

struct LicenseInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Verify a license file against the trust store and show it.")
    @OptionGroup var trust: TrustOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Only decode and show the license, WITHOUT verifying it.") var unverified = false
    @Argument(help: "The license file (.atlic).") var file: String

    struct Shown: Encodable { let verified: Bool; let keyId: String; let statement: LicenseStatement }

    func run() throws {
        let license = try SignedLicense.load(fromFile: file)
        let statement = unverified
            ? try license.unverifiedStatement()
            : try LicenseVerifier.verify(license, trust: try trust.load(), now: Date())
        try output.print(Shown(verified: !unverified, keyId: license.keyId, statement: statement)) {
            """
            \(unverified ? "UNVERIFIED (drop --unverified to check it)" : "OK: signature, key and dates verified")
            id:                    \(statement.id)
            licensee:              \(statement.licensee)
            data sessions:         \(statement.dataSessions)
            optimization sessions: \(statement.optimizationSessions)
            named users:           \(statement.namedUsers)
            apps:                  \(statement.apps?.joined(separator: ", ") ?? "all")
            issued:                \(statement.issued.formatted(.iso8601))
            expires:               \(statement.expires.formatted(.iso8601))
            key:                   \(license.keyId)
            """
        }
    }
}
