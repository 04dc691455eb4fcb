import ArgumentParser
import Foundation
import Store

struct LicenseSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a seat license with a publisher key into a license file (.atlic).")
    @Option(help: ArgumentHelp("The licensor's <id>.key.json.", valueName: "file")) var key: String
    @Option(help: "Who the license is for.") var licensee: String
    @Option(help: "Concurrent data sessions (0 or more).") var dataSessions: Int
    @Option(help: "Concurrent optimization sessions (0 or more).") var optimizationSessions: Int
    @Option(help: "Named users (0 or more).") var namedUsers: Int
    @Option(help: "Expiry (ISO 8601 or YYYY-MM-DD, UTC).") var expires: DateArgument
    @Option(help: "License id (lowercase: a-z 0-9 . _ + -); default: lic-<date>-<random>.") var id: String?
    @Option(name: .customLong("app"), help: "An app the license covers (repeat; default: every app).") var apps: [String] = []
    @Option(name: .shortAndLong, help: "Output license file.") var output: String

    func run() throws {
        let pair = try PublisherKeyPair.load(fromFile: key)
        let now = Date()
        let statement = try LicenseStatement(
            id: id ?? Self.defaultId(now), licensee: licensee, dataSessions: dataSessions,
            optimizationSessions: optimizationSessions, namedUsers: namedUsers,
            issued: now, expires: expires.date, apps: apps.isEmpty ? nil : apps)
        let license = try LicenseSigner.sign(statement, key: pair)
        let bytes = try license.canonicalJSON() + [UInt8(ascii: "\n")]
        let tmp = output + ".partial"
        do {
            let sink = try FileSink(creating: tmp, mode: 0o644)
            try bytes.withUnsafeBytes { try sink.write($0) }
            try sink.sync()
            try sink.close()
            guard rename(tmp, output) == 0 else { throw StoreError.io(operation: "rename", path: output, errno: errno) }
        } catch {
            unlink(tmp)
            throw error
        }
        print("signed license \(statement.id) for \(statement.licensee) (\(statement.dataSessions) data, "
              + "\(statement.optimizationSessions) optimization, \(statement.namedUsers) named users, "
              + "expires \(statement.expires.formatted(.iso8601))) with \(pair.id) → \(output)")
    }

    static func defaultId(_ now: Date) -> String {
        let day = now.formatted(.iso8601.year().month().day().dateSeparator(.omitted))
        return "lic-\(day)-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }
}
