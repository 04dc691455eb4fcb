import Foundation
@testable import Store

/// Shared fixtures for the key, package and sealed-app suites.
enum CryptoFixtures {
    /// A fixed "now" so validity windows are deterministic.
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    static let day: TimeInterval = 86_400

    /// A publisher key and a trust store holding it, valid from a day before `now`.
    static func publisher(name: String = "acme") throws -> (PublisherKeyPair, TrustStore) {
        let key = PublisherKeyPair.generate(name: name)
        var trust = TrustStore()
        try trust.add(TrustedKey(publisher: key.publicKey, validFrom: now - day))
        return (key, trust)
    }

    /// Deterministic pseudo-random bytes.
    static func bytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }

    /// Signs `archive` as name@version and returns the envelope and the package file bytes.
    static func package(_ archive: [UInt8], name: String = "solver", version: String = "1.0.0",
                        key: PublisherKeyPair, expires: Date? = nil, created: Date = now) throws -> (SignedPackageEnvelope, [UInt8]) {
        let envelope = try PackageSigner.sign(archive: MemorySource(archive), name: name, version: version,
                                              platform: "linux-x86_64", expires: expires, key: key, now: created)
        return (envelope, try containerBytes(envelope, archive))
    }

    static func containerBytes(_ envelope: SignedPackageEnvelope, _ archive: [UInt8]) throws -> [UInt8] {
        let sink = MemorySink()
        try PackageFile.write(envelope: envelope, archive: MemorySource(archive), to: sink)
        return sink.bytes
    }

    /// A fresh empty directory under the system temp directory.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/atrium-crypto-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Reads `source` to its end or first error, in reads of `step` bytes.
    static func drain(_ source: ByteSource, step: Int = 4096) -> (bytes: [UInt8], error: (any Error)?) {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: step)
        do {
            while true {
                let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { return (out, nil) }
                out += chunk[0..<n]
            }
        } catch {
            return (out, error)
        }
    }
}
