import ArgumentParser
import Foundation
import Store

struct KeysTrust: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust", abstract: "Trust a publisher's public key for verifying packages.")
    @OptionGroup var trust: TrustOptions
    @Argument(help: "The publisher's <id>.pub.json file.") var publicKeyFile: String
    @Option(help: "Valid from (ISO 8601 or YYYY-MM-DD; default now).") var validFrom: DateArgument?
    @Option(help: "Valid until (exclusive; default: no end).") var validUntil: DateArgument?

    func run() throws {
        let key = try PublisherPublicKey.load(fromFile: publicKeyFile)
        var store = try trust.load()
        let added = try store.add(TrustedKey(publisher: key, validFrom: validFrom?.date ?? Date(), validUntil: validUntil?.date))
        try trust.save(store)
        print(added ? "trusted \(key.id) (\(key.name))" : "\(key.id) was already trusted")
    }
}
