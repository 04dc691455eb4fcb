/// How a case version's stored piece encodes its content.
public enum CaseEncoding: String, Codable, Sendable {
    /// A zstd frame of the content itself.
    case full
    /// A zstd frame compressed with the content of version `base` as reference prefix
    /// (`zstd --patch-from=<base> <this>`); decoding needs that content first.
    case delta
}
