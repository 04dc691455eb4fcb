import Crypto
import Foundation
import Testing
@testable import Store

@Suite struct TrustStoreTests {
    let now = CryptoFixtures.now

    @Test func keyIdIsPrefixAndSixteenHexOfPublicKeyHash() {
        let key = PublisherKeyPair.generate(name: "acme")
        let expected = "ed25519-" + BlobDigest.of(key.privateKey.publicKey.rawRepresentation).hex.prefix(16)
        #expect(key.id == expected)
        #expect(key.publicKey.id == key.id)
        #expect(key.id.count == 8 + 16)
    }

    @Test func publisherKeyFilesRoundTrip() throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let key = PublisherKeyPair.generate(name: "Acme Corp")
        try key.write(toFile: dir + "/acme.key.json")
        try key.publicKey.write(toFile: dir + "/acme.pub.json")

        let loaded = try PublisherKeyPair.load(fromFile: dir + "/acme.key.json")
        #expect(loaded.id == key.id && loaded.name == "Acme Corp")
        #expect(loaded.privateKey.rawRepresentation == key.privateKey.rawRepresentation)
        let pub = try PublisherPublicKey.load(fromFile: dir + "/acme.pub.json")
        #expect(pub.id == key.id && pub.rawRepresentation == key.publicKey.rawRepresentation)

        let json = try JSONSerialization.jsonObject(with: Data(try key.fileJSON())) as? [String: Any]
        #expect(json?["kind"] as? String == "atrium-publisher-private-key")
        #expect(json?["id"] as? String == key.id)
        var st = stat()
        #expect(stat(dir + "/acme.key.json", &st) == 0 && st.st_mode & 0o777 == 0o600)
        // Never overwrites a key file.
        #expect(throws: StoreError.self) { try key.write(toFile: dir + "/acme.key.json") }
    }

    @Test func keyFilesRefuseWrongKindAndMismatchedId() throws {
        let key = PublisherKeyPair.generate(name: "acme")
        #expect(throws: KeyError.wrongKind(expected: "atrium-publisher-private-key", found: "atrium-publisher-public-key")) {
            try PublisherKeyPair(fileJSON: key.publicKey.fileJSON())
        }
        let other = PublisherKeyPair.generate(name: "other")
        var text = String(decoding: try key.publicKey.fileJSON(), as: UTF8.self)
        text = text.replacingOccurrences(of: key.id, with: other.id)
        #expect(throws: KeyError.idMismatch(stated: other.id, derived: key.id)) {
            try PublisherPublicKey(fileJSON: Array(text.utf8))
        }
        #expect(throws: KeyError.self) { try PublisherPublicKey(fileJSON: Array("{}".utf8)) }
    }

    @Test func addRefusesSameIdWithOtherBytesAndIsIdempotent() throws {
        let key = PublisherKeyPair.generate(name: "acme")
        var trust = TrustStore()
        #expect(try trust.add(TrustedKey(publisher: key.publicKey, validFrom: now)))
        #expect(try !trust.add(TrustedKey(publisher: key.publicKey, validFrom: now)))
        // A key whose id does not derive from its bytes cannot even be built.
        let other = PublisherKeyPair.generate(name: "other")
        #expect(throws: KeyError.idMismatch(stated: key.id, derived: other.id)) {
            try TrustedKey(id: key.id, name: "x", publicKey: other.publicKey.rawRepresentation, validFrom: now)
        }
        #expect(trust.keys.count == 1)
        #expect(trust.lookup(key.id)?.name == "acme")
        #expect(trust.lookup("ed25519-0000000000000000") == nil)
    }

    @Test func revokeKeepsTheEarliestDate() throws {
        let key = PublisherKeyPair.generate(name: "acme")
        var trust = TrustStore()
        try trust.add(TrustedKey(publisher: key.publicKey, validFrom: now - 10))
        try trust.revoke(key.id, at: now)
        try trust.revoke(key.id, at: now + 100)
        #expect(trust.lookup(key.id)?.revokedAt == now)
        try trust.revoke(key.id, at: now - 5)
        #expect(trust.lookup(key.id)?.revokedAt == now - 5)
        #expect(trust.lookup(key.id)?.isRevoked(at: now) == true)
        #expect(trust.lookup(key.id)?.isRevoked(at: now - 6) == false)
        // Re-adding does not lift a revocation.
        try trust.add(TrustedKey(publisher: key.publicKey, validFrom: now))
        #expect(trust.lookup(key.id)?.revokedAt == now - 5)
        #expect(throws: KeyError.unknownKey("ed25519-nope")) { try trust.revoke("ed25519-nope", at: now) }
    }

    @Test func saveAndLoadRoundTrip() throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var trust = TrustStore()
        let a = PublisherKeyPair.generate(name: "a"), b = PublisherKeyPair.generate(name: "b")
        try trust.add(TrustedKey(publisher: a.publicKey, validFrom: now, validUntil: now + 3600))
        try trust.add(TrustedKey(publisher: b.publicKey, validFrom: now))
        try trust.revoke(b.id, at: now + 60)
        let path = dir + "/trust.json"
        try trust.save(toFile: path)
        #expect(try TrustStore.load(fromFile: path) == trust)
        // Saving again replaces the file and leaves no temp file behind.
        try trust.revoke(a.id, at: now + 1)
        try trust.save(toFile: path)
        #expect(try TrustStore.load(fromFile: path) == trust)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["trust.json"])
    }

    @Test func loadRefusesATamperedStore() throws {
        var trust = TrustStore()
        let a = PublisherKeyPair.generate(name: "a"), b = PublisherKeyPair.generate(name: "b")
        try trust.add(TrustedKey(publisher: a.publicKey, validFrom: now))
        // Swap in another key's bytes under the trusted id.
        let text = String(decoding: try trust.encoded(), as: UTF8.self)
            .replacingOccurrences(of: a.publicKey.rawRepresentation.base64EncodedString(),
                                  with: b.publicKey.rawRepresentation.base64EncodedString())
        #expect(throws: KeyError.idMismatch(stated: a.id, derived: b.id)) { try TrustStore(encoded: Array(text.utf8)) }
        #expect(throws: KeyError.self) { try TrustStore(encoded: Array("not json".utf8)) }
    }
}
