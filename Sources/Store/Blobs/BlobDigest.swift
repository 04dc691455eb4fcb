import Crypto

/// The name of a blob: the lowercase hex SHA-256 of its exact bytes.
public struct BlobDigest: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let hex: String

    /// Accepts exactly 64 lowercase hex characters; anything else is not a blob name.
    public init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.hex = hex
    }

    public init(_ digest: SHA256.Digest) {
        self.hex = digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }

    /// Parses user input, also accepting a `sha256:` prefix.
    public init(parsing text: String) throws {
        let bare = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard let d = BlobDigest(hex: bare) else { throw StoreError.invalidDigest(text) }
        self = d
    }

    public static func of(_ bytes: some DataProtocol) -> BlobDigest { BlobDigest(SHA256.hash(data: bytes)) }

    /// Relative path inside the store: `blobs/sha256/ab/cd/abcd…`.
    public var relativePath: String {
        let u = Array(hex.utf8)
        return "blobs/sha256/\(String(decoding: u[0..<2], as: UTF8.self))/\(String(decoding: u[2..<4], as: UTF8.self))/\(hex)"
    }

    public var description: String { "sha256:" + hex }
    public var short: String { String(hex.prefix(12)) }

    public static func < (a: BlobDigest, b: BlobDigest) -> Bool { a.hex < b.hex }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }
}

import Foundation
