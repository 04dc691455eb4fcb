import Store

/// Digests the catalog keeps as hex text.
enum BlobDigestText {
    static func parse(_ text: String) -> BlobDigest? { BlobDigest(hex: text) }
}
