import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files every node of a test cluster shares: one self-signed certificate (SAN IP:127.0.0.1,
/// also the peers' CA), the keys directory, the demo directory with the shared-dir path written in.
enum ClusterFiles {
    /// Makes `cert.pem` and `key.pem` (P-256, SAN IP:127.0.0.1 and DNS:localhost) in `directory`.
    static func makeCertificate(in directory: String) throws -> (certificate: String, key: String) {
        let certificate = directory + "/cert.pem"
        let key = directory + "/key.pem"
        try Shell.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                           "-keyout", key, "-out", certificate, "-days", "3", "-subj", "/CN=127.0.0.1",
                                           "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        return (certificate, key)
    }

    /// Copies the fixture demo (Tests/ClusterTests/Fixtures/demo) to `directory` and writes
    /// `shared` into its app's `shared-dir`.
    static func makeDemo(at directory: String, shared: String) throws {
        let source = Shell.repository + "/Tests/ClusterTests/Fixtures/demo"
        try FileManager.default.copyItem(atPath: source, toPath: directory)
        try Data((shared + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/apps/cluster/shared-dir"))
    }

    /// Signs a license with the demo key (trusted by node a's `--demo`) for `dataSessions`
    /// concurrent data sessions and room for many solves and users.
    static func makeLicense(keysDirectory: String, output: String, dataSessions: Int = 100) throws {
        let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400 * 7))
        try Shell.run(Shell.atrium, ["license", "sign", "--key", keysDirectory + "/demo-vendor.key.json", "--licensee", "Cluster tests",
                                     "--data-sessions", String(dataSessions), "--optimization-sessions", "100", "--named-users", "100",
                                     "--expires", expires, "-o", output])
    }

    /// A fresh directory for the store: under `ATRIUM_TEST_SMB_ROOT` (the Samba share scripts/test
    /// mounts) or, when that is unset and `ATRIUM_REQUIRE_SMB` is not 1, under `fallback`.
    static func storeRoot(fallback: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let root = environment["ATRIUM_TEST_SMB_ROOT"], !root.isEmpty {
            let path = root + "/cluster-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }
        if environment["ATRIUM_REQUIRE_SMB"] == "1" {
            throw Shell.Failure(command: "store root", status: 1, output: "ATRIUM_REQUIRE_SMB=1 but ATRIUM_TEST_SMB_ROOT is not set")
        }
        try FileManager.default.createDirectory(atPath: fallback, withIntermediateDirectories: true)
        return fallback
    }

    /// pids of processes whose environment mentions `root` (runtime processes of the test's nodes,
    /// also those orphaned by a killed node).
    static func processes(mentioning root: String) -> [Int32] {
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { Int32($0) }.filter { pid in
            guard pid != me, let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            // Not the test's PostgreSQL (pg_ctl passes PGDATA on): scripts/pg-down stops that.
            if let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("postgres") { return false }
            return environ.range(of: Data(root.utf8)) != nil
        }
    }
}
