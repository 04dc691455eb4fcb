import Crypto
import Foundation
import Testing
@testable import Store

@Suite struct PackageSigningTests {
    let now = CryptoFixtures.now
    let day = CryptoFixtures.day
    let archive = CryptoFixtures.bytes(10_000)

    func sign(_ key: PublisherKeyPair, expires: Date? = nil) throws -> SignedPackageEnvelope {
        try PackageSigner.sign(archive: MemorySource(archive), name: "solver", version: "1.0.0",
                               platform: "linux-x86_64", expires: expires, key: key, now: now)
    }

    @Test func signAndVerifyRoundTrip() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let envelope = try sign(key, expires: now + day)
        let statement = try PackageVerifier.verify(envelope, trust: trust, now: now + 60)
        #expect(statement.name == "solver" && statement.version == "1.0.0" && statement.platform == "linux-x86_64")
        #expect(statement.archiveSHA256 == BlobDigest.of(archive))
        #expect(statement.size == Int64(archive.count))
        #expect(statement.created == now && statement.expires == now + day)
        #expect(envelope.keyId == key.id)
        // The signed bytes are canonical JSON: sorted keys, ISO 8601 dates.
        let text = String(decoding: envelope.statement, as: UTF8.self)
        #expect(text.hasPrefix("{\"archiveSHA256\":\"" + BlobDigest.of(archive).hex + "\",\"created\":\"2025-06-15T15:06:40Z\""))
        // The envelope survives JSON.
        #expect(try SignedPackageEnvelope.decode(envelope.canonicalJSON()) == envelope)
    }

    @Test func refusesUnknownKey() throws {
        let (key, _) = try CryptoFixtures.publisher()
        let (_, otherTrust) = try CryptoFixtures.publisher(name: "other")
        #expect(throws: PackageError.unknownKey(key.id)) {
            try PackageVerifier.verify(try sign(key), trust: otherTrust, now: now)
        }
    }

    @Test func refusesRevokedKey() throws {
        let (key, trusted) = try CryptoFixtures.publisher()
        var trust = trusted
        let envelope = try sign(key)
        try trust.revoke(key.id, at: now - 1)
        #expect(throws: PackageError.revokedKey(key.id, at: now - 1)) {
            try PackageVerifier.verify(envelope, trust: trust, now: now)
        }
    }

    @Test func revocationDatedLaterTakesEffectThen() throws {
        let (key, trusted) = try CryptoFixtures.publisher()
        var trust = trusted
        try trust.revoke(key.id, at: now + 60)
        _ = try PackageVerifier.verify(try sign(key), trust: trust, now: now)
        #expect(throws: PackageError.revokedKey(key.id, at: now + 60)) {
            try PackageVerifier.verify(try sign(key), trust: trust, now: now + 60)
        }
    }

    @Test func refusesExpiredKey() throws {
        let key = PublisherKeyPair.generate(name: "acme")
        var trust = TrustStore()
        try trust.add(TrustedKey(publisher: key.publicKey, validFrom: now - 2 * day, validUntil: now - day))
        #expect(throws: PackageError.keyNotValid(key.id, validFrom: now - 2 * day, validUntil: now - day)) {
            try PackageVerifier.verify(try sign(key), trust: trust, now: now)
        }
    }

    @Test func refusesNotYetValidKey() throws {
        let key = PublisherKeyPair.generate(name: "acme")
        var trust = TrustStore()
        try trust.add(TrustedKey(publisher: key.publicKey, validFrom: now + day))
        #expect(throws: PackageError.keyNotValid(key.id, validFrom: now + day, validUntil: nil)) {
            try PackageVerifier.verify(try sign(key), trust: trust, now: now)
        }
    }

    @Test func refusesExpiredStatement() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let envelope = try sign(key, expires: now + 3600)
        _ = try PackageVerifier.verify(envelope, trust: trust, now: now + 3599)
        #expect(throws: PackageError.statementExpired(now + 3600)) {
            try PackageVerifier.verify(envelope, trust: trust, now: now + 3600)
        }
    }

    @Test func refusesFlippedSignatureByte() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let envelope = try sign(key)
        var signature = envelope.signature
        signature[17] ^= 0x01
        let forged = SignedPackageEnvelope(statement: envelope.statement, keyId: envelope.keyId, signature: signature)
        #expect(throws: PackageError.badSignature(keyId: key.id)) { try PackageVerifier.verify(forged, trust: trust, now: now) }
        let short = SignedPackageEnvelope(statement: envelope.statement, keyId: envelope.keyId, signature: signature.prefix(63))
        #expect(throws: PackageError.badSignature(keyId: key.id)) { try PackageVerifier.verify(short, trust: trust, now: now) }
    }

    @Test func refusesFlippedStatementByte() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let envelope = try sign(key)
        // Change the version "1.0.0" to "1.0.1" in the signed bytes.
        var statement = envelope.statement
        let index = try #require(String(decoding: statement, as: UTF8.self).utf8.indices(of: Array("1.0.0".utf8)))
        statement[statement.startIndex + index + 4] ^= 0x01
        #expect(String(decoding: statement, as: UTF8.self).contains("\"1.0.1\""))
        let forged = SignedPackageEnvelope(statement: statement, keyId: envelope.keyId, signature: envelope.signature)
        #expect(throws: PackageError.badSignature(keyId: key.id)) { try PackageVerifier.verify(forged, trust: trust, now: now) }
    }

    @Test func refusesAnotherTrustedKeysSignature() throws {
        // Key B signs, envelope claims key A: the signature must not verify under A.
        let (a, _) = try CryptoFixtures.publisher(name: "a")
        let b = PublisherKeyPair.generate(name: "b")
        var trust = TrustStore()
        try trust.add(TrustedKey(publisher: a.publicKey, validFrom: now - day))
        try trust.add(TrustedKey(publisher: b.publicKey, validFrom: now - day))
        let byB = try sign(b)
        let claimed = SignedPackageEnvelope(statement: byB.statement, keyId: a.id, signature: byB.signature)
        #expect(throws: PackageError.badSignature(keyId: a.id)) { try PackageVerifier.verify(claimed, trust: trust, now: now) }
    }

    @Test func refusesMalformedStatementEvenWhenSigned() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let garbage = Data("{\"name\":\"solver\"}".utf8)
        let envelope = SignedPackageEnvelope(statement: garbage, keyId: key.id, signature: try key.sign(garbage))
        #expect(throws: PackageError.self) { try PackageVerifier.verify(envelope, trust: trust, now: now) }
        do {
            _ = try PackageVerifier.verify(envelope, trust: trust, now: now)
        } catch let error as PackageError {
            guard case .malformedStatement = error else { Issue.record("unexpected \(error)"); return }
        }
        // A signed statement with an uppercase name is refused too (case-insensitive shares).
        let upper = Data(String(decoding: try sign(key).statement, as: UTF8.self)
            .replacingOccurrences(of: "\"solver\"", with: "\"Solver\"").utf8)
        let signed = SignedPackageEnvelope(statement: upper, keyId: key.id, signature: try key.sign(upper))
        #expect(throws: PackageError.invalidName("Solver")) { try PackageVerifier.verify(signed, trust: trust, now: now) }
    }

    @Test func namesFollowTheLowercaseRule() throws {
        for good in ["a", "solver", "0.9.1-rc.1+build_7", "linux-x86_64", String(repeating: "a", count: 128)] {
            #expect(NameRule.isValid(good), "\(good)")
        }
        for bad in ["", "Solver", ".hidden", "-x", "a/b", "a b", "..", "ä", "a@b", String(repeating: "a", count: 129)] {
            #expect(!NameRule.isValid(bad), "\(bad)")
        }
        let (key, _) = try CryptoFixtures.publisher()
        #expect(throws: PackageError.invalidName("Solver")) {
            try PackageSigner.sign(archive: MemorySource([]), name: "Solver", version: "1", platform: "any", expires: nil, key: key, now: now)
        }
    }

    @Test func containerRoundTrip() throws {
        let (key, _) = try CryptoFixtures.publisher()
        let envelope = try sign(key)
        let file = try CryptoFixtures.containerBytes(envelope, archive)
        #expect(file.starts(with: Array("ATRIUM-PACKAGE 1\n".utf8)))
        let (read, rest) = try PackageFile.read(from: MemorySource(file))
        #expect(read == envelope)
        #expect(try rest.readAll() == archive)
        // An empty archive works too.
        let (_, empty) = try PackageFile.read(from: MemorySource(try CryptoFixtures.containerBytes(envelope, [])))
        #expect(try empty.readAll() == [])
    }

    @Test func refusesMalformedContainers() throws {
        let (key, _) = try CryptoFixtures.publisher()
        let file = try CryptoFixtures.containerBytes(try sign(key), archive)
        let json = try sign(key).canonicalJSON()
        let cases: [(String, [UInt8])] = [
            ("bad magic", Array("ATRIUM-PACKAGE 2\n".utf8) + file.dropFirst(17)),
            ("not a package", Array("PK\u{3}\u{4}".utf8) + archive),
            ("empty", []),
            ("huge length", Array("ATRIUM-PACKAGE 1\n99999999999\n".utf8) + json),
            ("length over limit", Array("ATRIUM-PACKAGE 1\n65537\n".utf8) + json),
            ("leading zero", Array("ATRIUM-PACKAGE 1\n0\(json.count)\n".utf8) + json),
            ("zero length", Array("ATRIUM-PACKAGE 1\n0\n".utf8)),
            ("no length line", Array("ATRIUM-PACKAGE 1\n".utf8)),
            ("bad length", Array("ATRIUM-PACKAGE 1\n12a\n".utf8) + json),
            ("truncated header", Array(file.prefix(17 + 4 + json.count / 2))),
            ("not JSON", Array("ATRIUM-PACKAGE 1\n5\nhello".utf8) + archive),
        ]
        for (label, bytes) in cases {
            do {
                _ = try PackageFile.read(from: MemorySource(bytes))
                Issue.record("\(label): accepted")
            } catch let error as PackageError {
                guard case .malformedContainer = error else { Issue.record("\(label): \(error)"); continue }
            }
        }
    }
}

extension String.UTF8View {
    /// Offset of the first occurrence of `needle`.
    func indices(of needle: [UInt8]) -> Int? {
        let hay = Array(self)
        guard hay.count >= needle.count else { return nil }
        return (0...(hay.count - needle.count)).first { Array(hay[$0..<($0 + needle.count)]) == needle }
    }
}
