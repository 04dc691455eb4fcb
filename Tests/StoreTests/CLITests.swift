import Foundation
import Testing
@testable import Store

/// The command line as a user meets it: real processes, exit codes, one-line errors on stderr.
@Suite final class CLITests {
    let dir: String
    let cli: CommandLine

    init() throws {
        dir = try TestPaths.freshDirectory("cli")
        cli = CommandLine(directory: dir, environment: ["ATRIUM_STORE": dir + "/store", "ATRIUM_TRUST_STORE": dir + "/trust.json"])
        try cli.run("store", "init")
    }

    deinit { TestPaths.remove(dir) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func storePutGetStatLsFsck() throws {
        let bytes = TestData.bytes(3 << 20, seed: 77)
        let file = try write("data.bin", bytes)
        let put = try cli.run("store", "put", file)
        #expect(put.status == 0)
        #expect(put.stdout == BlobDigest.of(bytes).hex)
        #expect(try cli.run("store", "put", "-", input: Data(bytes)).stdout == put.stdout)
        #expect(try cli.run("store", "get", put.stdout, "-o", dir + "/back.bin").status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/back.bin") == Data(bytes))
        let stat = try cli.run("store", "stat", "--json", put.stdout)
        #expect(stat.stdout.contains("\"size\" : 3145728"))
        #expect(try cli.run("store", "ls").stdout.hasPrefix(put.stdout))
        #expect(try cli.run("store", "fsck").status == 0)
    }

    @Test func errorsAreOneLineOnStderrWithNonZeroExit() throws {
        let missing = try cli.run("store", "get", String(repeating: "a", count: 64), "-o", dir + "/x")
        #expect(missing.status != 0)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.contains("not found"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x"))
        let bad = try cli.run("store", "stat", "../../etc/passwd")
        #expect(bad.status != 0 && bad.stderr.contains("not a SHA-256 digest"))
        let notStore = try cli.run("store", "ls", "--store", dir + "/nowhere")
        #expect(notStore.status != 0 && notStore.stderr.contains("not an Atrium store"))
        let mismatch = try cli.run("store", "put", "--expect", String(repeating: "0", count: 64), try write("f", [1, 2, 3]))
        #expect(mismatch.status != 0 && mismatch.stderr.contains("nothing was stored"))
    }

    @Test func corruptBlobFailsGetAndFsck() throws {
        let bytes = TestData.bytes(100_000, seed: 78)
        let digest = try cli.run("store", "put", try write("c.bin", bytes)).stdout
        var damaged = bytes
        damaged[500] ^= 0x80
        let blobPath = dir + "/store/" + (try BlobDigest(parsing: digest)).relativePath
        try Data(damaged).write(to: URL(fileURLWithPath: blobPath))
        let get = try cli.run("store", "get", digest, "-o", dir + "/out.bin")
        #expect(get.status != 0 && get.stderr.contains("integrity error"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out.bin"))
        let fsck = try cli.run("store", "fsck")
        #expect(fsck.status == 1)
        #expect(fsck.stdout.contains("BAD \(digest)"))
        #expect(try cli.run("store", "fsck", "--repair").status == 0)
        #expect(try cli.run("store", "fsck").status == 0)
    }

    @Test func signVerifyAddExtractAndRevoke() throws {
        let keys = try cli.run("keys", "generate", "--kind", "publisher", "--name", "Vendor", "-o", dir + "/keys", "--json")
        let id = try #require(try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [String: Any])["id"] as! String
        let archive = ArchiveBuilder().file("bin/serve", "#!/bin/sh\necho ok\n").bytes()
        let archivePath = try write("rt.tar.gz", archive)
        #expect(try cli.run("package", "sign", "--key", "\(dir)/keys/\(id).key.json", "--name", "rt", "--version", "1.0",
                            "-o", dir + "/rt.atpkg", archivePath).status == 0)
        let untrusted = try cli.run("package", "verify", dir + "/rt.atpkg")
        #expect(untrusted.status != 0 && untrusted.stderr.contains("unknown key"))
        #expect(try cli.run("keys", "trust", "\(dir)/keys/\(id).pub.json").status == 0)
        #expect(try cli.run("package", "verify", dir + "/rt.atpkg").status == 0)
        #expect(try cli.run("package", "add", dir + "/rt.atpkg").status == 0)
        #expect(try cli.run("package", "extract", "rt", "1.0", dir + "/x1").status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/x1/bin/serve") == Data("#!/bin/sh\necho ok\n".utf8))
        #expect(try cli.run("keys", "revoke", id).status == 0)
        let revoked = try cli.run("package", "extract", "rt", "1.0", dir + "/x2")
        #expect(revoked.status != 0 && revoked.stderr.contains("revoked"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x2"))
    }

    @Test func sealOpenAndInspectApp() throws {
        let keys = try cli.run("keys", "generate", "--kind", "app", "--name", "server", "-o", dir + "/appkeys", "--json")
        let id = try #require(try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [String: Any])["id"] as! String
        let archive = try write("app.tar.gz", ArchiveBuilder().file("model.mod", "set I;\n").bytes())
        #expect(try cli.run("app", "seal", "--to", "\(dir)/appkeys/\(id).pub.json", "--app", "transport", "--version", "1",
                            "-o", dir + "/t.atapp", archive).status == 0)
        #expect(try cli.run("app", "inspect", dir + "/t.atapp").stdout.contains("transport"))
        #expect(try cli.run("app", "open", "--keyring", dir + "/appkeys", dir + "/t.atapp", dir + "/opened").status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/opened/model.mod") == Data("set I;\n".utf8))
        let wrong = try cli.run("app", "open", "--keyring", dir + "/appkeys", "--app", "other", dir + "/t.atapp", dir + "/o2")
        #expect(wrong.status != 0 && !FileManager.default.fileExists(atPath: dir + "/o2"))
    }
}
