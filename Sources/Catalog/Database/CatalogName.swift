/// Naming rules for what the catalog stores under a name. Names are lowercase only: the store
/// lives on case-insensitive shares, and `Alice` and `alice` must not be two users.
public enum CatalogName {
    /// Users and groups: `[a-z0-9][a-z0-9._-]{0,63}`.
    public static func isValidAccountName(_ text: String) -> Bool {
        matches(text, maxLength: 64, extra: [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")])
    }

    /// Apps, packages, versions and platforms (Store's rule): `[a-z0-9][a-z0-9._+-]{0,127}`.
    public static func isValidObjectName(_ text: String) -> Bool {
        matches(text, maxLength: 128, extra: [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-")])
    }

    /// Free text shown to people (display names, titles, case and token names): 1…256
    /// characters, no control characters. Stored verbatim.
    public static func isValidLabel(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 256 && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    static func requireAccount(_ text: String, _ kind: String) throws {
        guard isValidAccountName(text) else {
            throw CatalogError.invalidArgument("\(kind) name must match [a-z0-9][a-z0-9._-]{0,63}")
        }
    }

    static func requireObject(_ text: String, _ kind: String) throws {
        guard isValidObjectName(text) else {
            throw CatalogError.invalidArgument("\(kind) must match [a-z0-9][a-z0-9._+-]{0,127}")
        }
    }

    static func requireLabel(_ text: String, _ kind: String) throws {
        guard isValidLabel(text) else {
            throw CatalogError.invalidArgument("\(kind) must be 1-256 characters without control characters")
        }
    }

    /// An app's description: at most 2,000 bytes of text; line breaks allowed, other control
    /// characters not.
    public static func isValidDescription(_ text: String) -> Bool {
        text.utf8.count <= 2000 && !text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }
    }

    static func requireDescription(_ text: String) throws {
        guard isValidDescription(text) else {
            throw CatalogError.invalidArgument("description must be at most 2000 bytes without control characters other than line breaks")
        }
    }

    private static func matches(_ text: String, maxLength: Int, extra: Set<UInt8>) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= maxLength, isAlnum(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlnum($0) || extra.contains($0) }
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}
