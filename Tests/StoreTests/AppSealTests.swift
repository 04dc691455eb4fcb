import Crypto
import Foundation
import Testing
@testable import Store

@Suite struct AppSealTests {
    let key = AppKeyPair.generate(name: "server-2025")
    let chunk = 1024
    let tag = 16

    var keyring: AppKeyring { get throws { try AppKeyring(keys: [key]) } }

    func seal(_ plaintext: [UInt8], app: String = "pricing", version: String = "3.1.0", to recipient: AppKeyPair? = nil,
              chunkSize: Int? = nil) throws -> [UInt8] {
        let sink = MemorySink()
        try AppSealer.seal(plaintext: MemorySource(plaintext), app: app, version: version, to: (recipient ?? key).publicKey,
                           into: sink, chunkSize: chunkSize ?? chunk)
        return sink.bytes
    }

    /// Byte offset where chunk records start.
    func headerLength(_ sealed: [UInt8]) throws -> Int {
        let (_, bytes) = try SealedAppHeader.readFramed(from: MemorySource(sealed))
        return SealedAppHeader.magic.utf8.count + "\(bytes.count)\n".utf8.count + bytes.count
    }

    func open(_ sealed: [UInt8], keyring ring: AppKeyring? = nil, app: String? = nil, version: String? = nil,
              step: Int = 4096) throws -> (bytes: [UInt8], error: (any Error)?) {
        let (_, source) = try AppOpener.open(sealed: MemorySource(sealed), keyring: ring ?? keyring, expecting: app, version: version)
        return CryptoFixtures.drain(source, step: step)
    }

    /// Rebuilds a sealed file with `edit` applied to its header JSON (re-framed), chunks unchanged.
    func editHeader(_ sealed: [UInt8], _ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        let (_, bytes) = try SealedAppHeader.readFramed(from: MemorySource(sealed))
        var json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        edit(&json)
        let body = Array(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        return Array(SealedAppHeader.magic.utf8) + Array("\(body.count)\n".utf8) + body + sealed.dropFirst(try headerLength(sealed))
    }

    @Test func roundTripAndInspectWithoutKey() throws {
        let plaintext = CryptoFixtures.bytes(5000)
        let sealed = try seal(plaintext)
        let header = try SealedAppHeader.read(from: MemorySource(sealed))
        #expect(header.app == "pricing" && header.version == "3.1.0" && header.keyId == key.id)
        #expect(header.suite == "X25519-HKDF-SHA256-AES-256-GCM" && header.chunkSize == chunk)
        #expect(header.encapsulatedKey.count == 32)
        // 4 full chunks + one of 904 bytes, each with a tag.
        #expect(sealed.count == (try headerLength(sealed)) + 5000 + 5 * tag)
        let (opened, error) = try open(sealed, app: "pricing", version: "3.1.0", step: 333)
        #expect(error == nil)
        #expect(opened == plaintext)
        #expect(!sealed.contains(subsequence: plaintext.prefix(64)))
    }

    @Test func multiChunkOneMiB() throws {
        for size in [1 << 20, (1 << 20) + 123] {
            let plaintext = CryptoFixtures.bytes(size, seed: UInt64(size))
            let sealed = try seal(plaintext, chunkSize: 64 << 10)
            let records = (size + (64 << 10) - 1) / (64 << 10)
            #expect(sealed.count == (try headerLength(sealed)) + size + records * tag)
            let (opened, error) = try open(sealed)
            #expect(error == nil)
            #expect(opened == plaintext)
        }
    }

    @Test func emptyPlaintextIsOneEmptyLastChunk() throws {
        let sealed = try seal([])
        #expect(sealed.count == (try headerLength(sealed)) + tag)
        let (opened, error) = try open(sealed)
        #expect(error == nil && opened.isEmpty)
        // Dropping even that chunk is truncation.
        #expect(try open(Array(sealed.dropLast(tag))).error as? AppSealError == .truncated(chunk: 0))
    }

    @Test func flippedByteInChunkNFailsAtChunkN() throws {
        let plaintext = CryptoFixtures.bytes(10 * chunk + 10)
        let sealed = try seal(plaintext)
        let start = try headerLength(sealed)
        for n in [0, 3, 10] {
            var bad = sealed
            bad[start + n * (chunk + tag) + 5] ^= 0x01
            let (opened, error) = try open(bad, step: 100)
            #expect(error as? AppSealError == .chunkAuthenticationFailed(chunk: n))
            #expect(opened == Array(plaintext.prefix(n * chunk)), "plaintext before chunk \(n) only")
        }
        // A flipped tag byte too.
        var badTag = sealed
        badTag[start + 2 * (chunk + tag) + chunk + 3] ^= 0x80
        #expect(try open(badTag).error as? AppSealError == .chunkAuthenticationFailed(chunk: 2))
    }

    @Test func truncationAtChunkBoundaryDropsLastChunk() throws {
        let plaintext = CryptoFixtures.bytes(4 * chunk + 100)
        let sealed = try seal(plaintext)
        let (opened, error) = try open(Array(sealed.dropLast(100 + tag)))
        #expect(error as? AppSealError == .truncated(chunk: 4))
        #expect(opened == Array(plaintext.prefix(3 * chunk)))
        // Exact multiple: the last chunk is full; dropping it is detected the same way.
        let even = try seal(Array(plaintext.prefix(4 * chunk)))
        #expect(try open(Array(even.dropLast(chunk + tag))).error as? AppSealError == .truncated(chunk: 3))
    }

    @Test func truncationMidChunk() throws {
        let plaintext = CryptoFixtures.bytes(4 * chunk + 100)
        let sealed = try seal(plaintext)
        let start = try headerLength(sealed)
        let r = chunk + tag
        let cases: [(Int, AppSealError)] = [(start + 2 * r + 500, .chunkAuthenticationFailed(chunk: 2)),
                                            (start + 4 * r + 50, .chunkAuthenticationFailed(chunk: 4)),
                                            (start + 4 * r + 5, .truncated(chunk: 4)),
                                            (start + 5, .truncated(chunk: 0))]
        for (cut, expected) in cases {
            let (opened, error) = try open(Array(sealed.prefix(cut)))
            #expect(error as? AppSealError == expected)
            // The complete chunks before the cut authenticate and are delivered; nothing after.
            #expect(opened == Array(plaintext.prefix((cut - start) / r * chunk)))
        }
        // Cut inside the header.
        #expect(throws: AppSealError.self) { try open(Array(sealed.prefix(start - 3))) }
    }

    @Test func swappedChunksFail() throws {
        let plaintext = CryptoFixtures.bytes(6 * chunk)
        let sealed = try seal(plaintext)
        let start = try headerLength(sealed)
        let r = chunk + tag
        var swapped = sealed
        swapped.replaceSubrange((start + 1 * r)..<(start + 2 * r), with: sealed[(start + 2 * r)..<(start + 3 * r)])
        swapped.replaceSubrange((start + 2 * r)..<(start + 3 * r), with: sealed[(start + 1 * r)..<(start + 2 * r)])
        let (opened, error) = try open(swapped)
        #expect(error as? AppSealError == .chunkAuthenticationFailed(chunk: 1))
        #expect(opened == Array(plaintext.prefix(chunk)))
    }

    @Test func appendedChunkFails() throws {
        let plaintext = CryptoFixtures.bytes(3 * chunk)
        let sealed = try seal(plaintext)
        let start = try headerLength(sealed)
        // Append a copy of chunk 0: chunk 2 (flagged last) is no longer at the end.
        let appended = sealed + sealed[start..<(start + chunk + tag)]
        let (opened, error) = try open(appended)
        #expect(error as? AppSealError == .trailingData(chunk: 2))
        #expect(opened == Array(plaintext.prefix(2 * chunk)))
        // Appending the chunks of another app sealed to the same key fails as well.
        let other = try seal(CryptoFixtures.bytes(chunk, seed: 5))
        #expect(try open(sealed + other.dropFirst(try headerLength(other))).error is AppSealError)
        // A single trailing byte, too.
        #expect(try open(sealed + [0]).error is AppSealError)
    }

    @Test func wrongKeyIsUnknown() throws {
        let sealed = try seal(CryptoFixtures.bytes(100))
        let other = try AppKeyring(keys: [AppKeyPair.generate(name: "other")])
        #expect(throws: AppSealError.unknownKey(key.id)) { try AppOpener.open(sealed: MemorySource(sealed), keyring: other) }
        #expect(throws: AppSealError.unknownKey(key.id)) { try AppOpener.open(sealed: MemorySource(sealed), keyring: AppKeyring()) }
    }

    @Test func editedAppOrVersionFailsFirstChunkAndExpectations() throws {
        let plaintext = CryptoFixtures.bytes(3 * chunk)
        let sealed = try seal(plaintext)
        for (field, value) in [("app", "billing"), ("version", "3.1.1")] {
            let edited = try editHeader(sealed) { $0[field] = value }
            let (opened, error) = try open(edited)
            #expect(error as? AppSealError == .chunkAuthenticationFailed(chunk: 0), "\(field)")
            #expect(opened.isEmpty)
        }
        #expect(throws: AppSealError.metadataMismatch(field: "app", expected: "pricing", found: "billing")) {
            try open(try editHeader(sealed) { $0["app"] = "billing" }, app: "pricing")
        }
        #expect(throws: AppSealError.metadataMismatch(field: "version", expected: "3.1.0", found: "3.0.0")) {
            try open(try editHeader(sealed) { $0["version"] = "3.0.0" }, app: "pricing", version: "3.1.0")
        }
        // An app opened under a name other than expected is refused even unedited.
        #expect(throws: AppSealError.metadataMismatch(field: "app", expected: "billing", found: "pricing")) {
            try open(sealed, app: "billing")
        }
    }

    @Test func editedKeyIdChunkSizeOrEncapsulatedKeyFails() throws {
        let second = AppKeyPair.generate(name: "server-2026")
        let ring = try AppKeyring(keys: [key, second])
        let sealed = try seal(CryptoFixtures.bytes(3 * chunk))
        // Point the header at another key the server holds: its private key derives other secrets.
        let rekeyed = try editHeader(sealed) { $0["keyId"] = second.id }
        #expect(try open(rekeyed, keyring: ring).error as? AppSealError == .chunkAuthenticationFailed(chunk: 0))
        // A different chunk size changes the framing and the binding.
        let resized = try editHeader(sealed) { $0["chunkSize"] = 512 }
        #expect(try open(resized, keyring: ring).error as? AppSealError == .chunkAuthenticationFailed(chunk: 0))
        // Another sealing's encapsulated key (same recipient).
        let otherSealed = try seal(CryptoFixtures.bytes(3 * chunk))
        let otherKey = try SealedAppHeader.read(from: MemorySource(otherSealed)).encapsulatedKey
        let reencap = try editHeader(sealed) { $0["encapsulatedKey"] = otherKey.base64EncodedString() }
        #expect(try open(reencap, keyring: ring).error as? AppSealError == .chunkAuthenticationFailed(chunk: 0))
        // Even a semantically equal header with other bytes (key order) fails: its hash is the AAD.
        let (_, bytes) = try SealedAppHeader.readFramed(from: MemorySource(sealed))
        let spaced = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: ",", with: ", ").utf8)
        let respaced = Array(SealedAppHeader.magic.utf8) + Array("\(spaced.count)\n".utf8) + spaced + sealed.dropFirst(try headerLength(sealed))
        #expect(try open(respaced, keyring: ring).error as? AppSealError == .chunkAuthenticationFailed(chunk: 0))
    }

    @Test func malformedHeadersAreRefused() throws {
        let sealed = try seal(CryptoFixtures.bytes(10))
        #expect(throws: AppSealError.unsupportedSuite("X25519-HKDF-SHA256-CHACHA20")) {
            try open(try editHeader(sealed) { $0["suite"] = "X25519-HKDF-SHA256-CHACHA20" })
        }
        #expect(throws: AppSealError.invalidChunkSize(1 << 30)) { try open(try editHeader(sealed) { $0["chunkSize"] = 1 << 30 }) }
        #expect(throws: AppSealError.invalidName("Pricing")) { try open(try editHeader(sealed) { $0["app"] = "Pricing" }) }
        #expect(throws: AppSealError.self) { try open(try editHeader(sealed) { $0["encapsulatedKey"] = "AAAA" }) }
        #expect(throws: AppSealError.self) { try open(Array("ATRIUM-APP 2\n".utf8) + sealed.dropFirst(13)) }
        #expect(throws: AppSealError.self) { try open(Array("ATRIUM-APP 1\n9999999\n".utf8)) }
        #expect(throws: AppSealError.invalidName("Pricing")) { try seal([1], app: "Pricing") }
        #expect(throws: AppSealError.invalidChunkSize(0)) { try seal([1], chunkSize: 0) }
    }

    @Test func keyRotationOpensEachAppWithItsKey() throws {
        let old = key, new = AppKeyPair.generate(name: "server-2026")
        let ring = try AppKeyring(keys: [old, new])
        let a = CryptoFixtures.bytes(3000, seed: 1), b = CryptoFixtures.bytes(3000, seed: 2)
        let sealedOld = try seal(a, to: old), sealedNew = try seal(b, to: new)
        #expect(try SealedAppHeader.read(from: MemorySource(sealedOld)).keyId == old.id)
        #expect(try SealedAppHeader.read(from: MemorySource(sealedNew)).keyId == new.id)
        #expect(try open(sealedOld, keyring: ring).bytes == a)
        #expect(try open(sealedNew, keyring: ring).bytes == b)
        // Once the old key is retired, its apps no longer open.
        #expect(throws: AppSealError.unknownKey(old.id)) { try open(sealedOld, keyring: try AppKeyring(keys: [new])) }
    }

    @Test func keyFilesAndKeyringDirectory() throws {
        let dir = try CryptoFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let second = AppKeyPair.generate(name: "server-2026")
        try key.write(toFile: dir + "/2025.json")
        try second.write(toFile: dir + "/2026.json")
        try second.publicKey.write(toFile: dir + "/2026.pub.json")
        _ = FileManager.default.createFile(atPath: dir + "/README.txt", contents: Data("not a key".utf8))
        let ring = try AppKeyring.load(directory: dir)
        #expect(ring.ids == [key.id, second.id].sorted())
        #expect(key.id.hasPrefix("x25519-") && key.id.count == 7 + 16)
        #expect(key.id == "x25519-" + BlobDigest.of(key.privateKey.publicKey.rawRepresentation).hex.prefix(16))
        let pub = try AppPublicKey.load(fromFile: dir + "/2026.pub.json")
        #expect(pub.id == second.id)
        let json = try JSONSerialization.jsonObject(with: Data(try key.fileJSON())) as? [String: Any]
        #expect(json?["kind"] as? String == "atrium-app-private-key")
        // A sealed app to the loaded public key opens with the loaded keyring.
        let sink = MemorySink()
        try AppSealer.seal(plaintext: MemorySource([1, 2, 3]), app: "x", version: "1", to: pub, into: sink)
        #expect(try open(sink.bytes, keyring: ring).bytes == [1, 2, 3])
        // A damaged key file is an error, not a silently missing key.
        _ = FileManager.default.createFile(atPath: dir + "/broken.json", contents: Data("{".utf8))
        #expect(throws: KeyError.self) { try AppKeyring.load(directory: dir) }
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: ArraySlice<UInt8>) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)] == subsequence }
    }
}
