import Testing
@testable import Store

@Suite struct BlobDigestTests {
    @Test func namesAreLowercaseHexOfSHA256() throws {
        let d = BlobDigest.of(Array("abc".utf8))
        #expect(d.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(d.relativePath == "blobs/sha256/ba/78/" + d.hex)
    }

    @Test func rejectsMalformedNames() {
        #expect(BlobDigest(hex: "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD") == nil)
        #expect(BlobDigest(hex: "ba78") == nil)
        #expect(BlobDigest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(throws: StoreError.self) { try BlobDigest(parsing: "../../etc/passwd") }
    }
}
