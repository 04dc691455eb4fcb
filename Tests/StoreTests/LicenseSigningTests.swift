import Foundation
import Testing
@testable import Store

@Suite struct LicenseSigningTests {
    let now = CryptoFixtures.now
    let day = CryptoFixtures.day

    func statement(dataSessions: Int = 10, expires: Date? = nil, issued: Date? = nil,
                   apps: [String]? = nil) throws -> LicenseStatement {
        try LicenseStatement(id: "lic-2025-001", licensee: "Acme Logistics", dataSessions: dataSessions,
                             optimizationSessions: 2, namedUsers: 25, issued: issued ?? now,
                             expires: expires ?? now + 365 * day, apps: apps)
    }

    @Test func goodLicenseVerifies() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let license = try LicenseSigner.sign(try statement(apps: ["transport", "blend"]), key: key)
        let verified = try LicenseVerifier.verify(license, trust: trust, now: now + 60)
        #expect(verified == (try statement(apps: ["transport", "blend"])))
        #expect(verified.dataSessions == 10 && verified.optimizationSessions == 2 && verified.namedUsers == 25)
        #expect(verified.covers(app: "transport") && !verified.covers(app: "other"))
        #expect(license.keyId == key.id)
        // The file round-trips, and the signed bytes are canonical JSON with ISO 8601 dates.
        let file = try license.canonicalJSON()
        #expect(try SignedLicense.decode(file) == license)
        #expect(try LicenseVerifier.verify(fileBytes: file, trust: trust, now: now) == verified)
        let text = String(decoding: license.statement, as: UTF8.self)
        #expect(text.hasPrefix("{\"apps\":[\"transport\",\"blend\"],\"dataSessions\":10,\"expires\":\"2026-06-15T15:06:40Z\""))
        // Zero seats and all apps are allowed.
        let zero = try LicenseStatement(id: "z", licensee: "Z", dataSessions: 0, optimizationSessions: 0, namedUsers: 0,
                                        issued: now, expires: now + day)
        #expect(try LicenseVerifier.verify(try LicenseSigner.sign(zero, key: key), trust: trust, now: now).apps == nil)
    }

    @Test func flippedSignatureByteIsForged() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let license = try LicenseSigner.sign(try statement(), key: key)
        var signature = license.signature
        signature[7] ^= 0x01
        let forged = SignedLicense(statement: license.statement, keyId: license.keyId, signature: signature)
        #expect(throws: LicenseError.forgedSignature(keyId: key.id)) { try LicenseVerifier.verify(forged, trust: trust, now: now) }
        let short = SignedLicense(statement: license.statement, keyId: license.keyId, signature: signature.prefix(63))
        #expect(throws: LicenseError.forgedSignature(keyId: key.id)) { try LicenseVerifier.verify(short, trust: trust, now: now) }
    }

    @Test func editedSeatCountIsForged() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let license = try LicenseSigner.sign(try statement(dataSessions: 10), key: key)
        let text = String(decoding: license.statement, as: UTF8.self)
        #expect(text.contains("\"dataSessions\":10,"))
        let edited = Data(text.replacingOccurrences(of: "\"dataSessions\":10,", with: "\"dataSessions\":1000,").utf8)
        let tampered = SignedLicense(statement: edited, keyId: license.keyId, signature: license.signature)
        #expect(throws: LicenseError.forgedSignature(keyId: key.id)) { try LicenseVerifier.verify(tampered, trust: trust, now: now) }
        // Re-signed by another (untrusted) key under the trusted key's id: still forged.
        let other = PublisherKeyPair.generate(name: "mallory")
        let resigned = SignedLicense(statement: edited, keyId: key.id, signature: try other.sign(edited))
        #expect(throws: LicenseError.forgedSignature(keyId: key.id)) { try LicenseVerifier.verify(resigned, trust: trust, now: now) }
    }

    @Test func untrustedKeyIsRefused() throws {
        let (key, _) = try CryptoFixtures.publisher()
        let (_, otherTrust) = try CryptoFixtures.publisher(name: "other")
        let license = try LicenseSigner.sign(try statement(), key: key)
        #expect(throws: LicenseError.untrustedKey(key.id)) { try LicenseVerifier.verify(license, trust: otherTrust, now: now) }
    }

    @Test func revokedKeyIsRefused() throws {
        let (key, trusted) = try CryptoFixtures.publisher()
        var trust = trusted
        try trust.revoke(key.id, at: now - 1)
        let license = try LicenseSigner.sign(try statement(), key: key)
        #expect(throws: LicenseError.revokedKey(key.id, at: now - 1)) { try LicenseVerifier.verify(license, trust: trust, now: now) }
        // A license issued before the revocation stays good.
        let earlier = try LicenseSigner.sign(try statement(issued: now - 3600), key: key)
        #expect(try LicenseVerifier.verify(earlier, trust: trust, now: now).issued == now - 3600)
    }

    @Test func expiredLicenseIsRefused() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let license = try LicenseSigner.sign(try statement(expires: now + day), key: key)
        _ = try LicenseVerifier.verify(license, trust: trust, now: now + day - 1)
        #expect(throws: LicenseError.expired(now + day)) { try LicenseVerifier.verify(license, trust: trust, now: now + day) }
    }

    @Test func licenseIssuedInTheFutureIsRefused() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        let license = try LicenseSigner.sign(try statement(issued: now + 301), key: key)
        #expect(throws: LicenseError.issuedInFuture(now + 301)) { try LicenseVerifier.verify(license, trust: trust, now: now) }
        _ = try LicenseVerifier.verify(license, trust: trust, now: now + 1)
    }

    @Test func malformedJSONIsRefused() throws {
        let (key, trust) = try CryptoFixtures.publisher()
        #expect(throws: LicenseError.self) { try SignedLicense.decode(Array("{not json".utf8)) }
        do {
            _ = try SignedLicense.decode(Array("{\"keyId\":\"x\"}".utf8))
            Issue.record("decoded a license without statement")
        } catch let error as LicenseError {
            guard case .malformed = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.hasPrefix("malformed license"))
        }
        // Correctly signed bytes that are not a license statement.
        let junk = Data("{\"hello\":1}".utf8)
        let signedJunk = SignedLicense(statement: junk, keyId: key.id, signature: try key.sign(junk))
        expectLicenseError({ if case .malformed = $0 { true } else { false } }) {
            _ = try LicenseVerifier.verify(signedJunk, trust: trust, now: now)
        }
    }

    @Test func oversizedFileIsRefused() throws {
        let (_, trust) = try CryptoFixtures.publisher()
        let big = Array("{\"pad\":\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: SignedLicense.sizeLimit) + Array("\"}".utf8)
        #expect(throws: LicenseError.tooLarge(limit: SignedLicense.sizeLimit)) {
            try LicenseVerifier.verify(fileBytes: big, trust: trust, now: now)
        }
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.atlic"
        try Data(big).write(to: URL(fileURLWithPath: path))
        #expect(throws: LicenseError.tooLarge(limit: SignedLicense.sizeLimit)) { try SignedLicense.load(fromFile: path) }
    }

    @Test func invalidStatementsAreRefusedWhenBuilt() throws {
        func invalid(_ body: () throws -> LicenseStatement, sourceLocation: SourceLocation = #_sourceLocation) {
            expectLicenseError({ if case .invalidStatement = $0 { true } else { false } }, sourceLocation: sourceLocation) {
                _ = try body()
            }
        }
        invalid { try LicenseStatement(id: "x", licensee: "A", dataSessions: -1, optimizationSessions: 0, namedUsers: 0, issued: now, expires: now + day) }
        invalid { try LicenseStatement(id: "x", licensee: " ", dataSessions: 1, optimizationSessions: 0, namedUsers: 0, issued: now, expires: now + day) }
        invalid { try LicenseStatement(id: "X Y", licensee: "A", dataSessions: 1, optimizationSessions: 0, namedUsers: 0, issued: now, expires: now + day) }
        invalid { try LicenseStatement(id: "x", licensee: "A", dataSessions: 1, optimizationSessions: 0, namedUsers: 0, issued: now, expires: now) }
        invalid { try LicenseStatement(id: "x", licensee: "A", dataSessions: 1, optimizationSessions: 0, namedUsers: 0, issued: now, expires: now + day, apps: ["Bad"]) }
    }
}

/// Asserts that `body` throws a `LicenseError` for which `matches` is true.
func expectLicenseError(_ matches: (LicenseError) -> Bool, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a LicenseError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as LicenseError {
        #expect(matches(error), "unexpected \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a LicenseError, got \(error)", sourceLocation: sourceLocation)
    }
}

extension LicenseSigningTests {
    /// The vendor signs, the admin trusts the key later: the key's window counts now, not at issue.
    @Test func keyWindowIsCheckedNowNotAtIssue() throws {
        let key = PublisherKeyPair.generate(name: "vendor")
        let license = try LicenseSigner.sign(try statement(issued: now - day), key: key)
        var trustedLater = TrustStore()
        _ = try trustedLater.add(TrustedKey(publisher: key.publicKey, validFrom: now - 60))
        #expect(try LicenseVerifier.verify(license, trust: trustedLater, now: now).licensee == "Acme Logistics")
        var lapsed = TrustStore()
        _ = try lapsed.add(TrustedKey(publisher: key.publicKey, validFrom: now - 3 * day, validUntil: now - 60))
        #expect(throws: LicenseError.keyNotValid(key.id, issued: now)) { try LicenseVerifier.verify(license, trust: lapsed, now: now) }
    }
}
