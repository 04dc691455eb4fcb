import Foundation
import Testing
@testable import Store

/// `atrium license sign` and `atrium license inspect` as a user runs them.
@Suite final class LicenseCLITests {
    let dir: String
    let cli: CommandLine

    init() throws {
        dir = try TestPaths.freshDirectory("license-cli")
        cli = CommandLine(directory: dir, environment: ["ATRIUM_TRUST_STORE": dir + "/trust.json"])
    }

    deinit { TestPaths.remove(dir) }

    @Test func signThenInspectVerifiesAgainstTheTrustStore() throws {
        let keys = try cli.run("keys", "generate", "--kind", "publisher", "--name", "Licensor", "-o", dir + "/keys", "--json")
        let id = try #require(try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [String: Any])["id"] as! String
        let sign = try cli.run("license", "sign", "--key", "\(dir)/keys/\(id).key.json", "--licensee", "Acme Logistics",
                               "--data-sessions", "10", "--optimization-sessions", "2", "--named-users", "0",
                               "--expires", "2099-01-01", "--id", "lic-1", "--app", "transport", "--app", "blend",
                               "-o", dir + "/acme.atlic")
        #expect(sign.status == 0, "\(sign.stderr)")
        let untrusted = try cli.run("license", "inspect", dir + "/acme.atlic")
        #expect(untrusted.status != 0 && untrusted.stderr.contains("not in the trust store"))
        let unverified = try cli.run("license", "inspect", "--unverified", dir + "/acme.atlic")
        #expect(unverified.status == 0 && unverified.stdout.hasPrefix("UNVERIFIED"))
        #expect(try cli.run("keys", "trust", "\(dir)/keys/\(id).pub.json").status == 0)
        let shown = try cli.run("license", "inspect", "--json", dir + "/acme.atlic")
        #expect(shown.status == 0, "\(shown.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(json["verified"] as? Bool == true)
        let statement = try #require(json["statement"] as? [String: Any])
        #expect(statement["dataSessions"] as? Int == 10 && statement["namedUsers"] as? Int == 0)
        #expect(statement["apps"] as? [String] == ["transport", "blend"] && statement["id"] as? String == "lic-1")
        // A negative seat count is refused before anything is written.
        let bad = try cli.run("license", "sign", "--key", "\(dir)/keys/\(id).key.json", "--licensee", "A",
                              "--data-sessions", "-1", "--optimization-sessions", "0", "--named-users", "0",
                              "--expires", "2099-01-01", "-o", dir + "/bad.atlic")
        #expect(bad.status != 0 && !FileManager.default.fileExists(atPath: dir + "/bad.atlic"))
    }
}
