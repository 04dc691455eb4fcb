import ArgumentParser
import Foundation
import Store

struct KeysList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List trusted publisher keys.")
    @OptionGroup var trust: TrustOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let keys = try trust.load().keys
        try output.print(keys) {
            keys.isEmpty ? "no trusted keys in \(trust.path)" : keys.map { k in
                let state = k.isRevoked(at: Date()) ? "REVOKED" : (k.isWithinValidity(at: Date()) ? "valid" : "not valid now")
                return "\(k.id)  \(k.name)  \(state)  from \(k.validFrom)" + (k.validUntil.map { " until \($0)" } ?? "")
            }.joined(separator: "\n")
        }
    }
}
