/// The one naming rule for package names, versions, platforms and app names: lowercase only,
/// because the store lives on case-insensitive shares where `App` and `app` would collide.
/// Pattern: `[a-z0-9][a-z0-9._+-]{0,127}`.
enum NameRule {
    static let maxLength = 128

    /// True when `text` matches `[a-z0-9][a-z0-9._+-]{0,127}`.
    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= maxLength, isAlnum(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}
