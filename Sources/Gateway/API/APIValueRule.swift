import Foundation

/// What the value of a path, query or header parameter must be. The OpenAPI document shows it as
/// the parameter's schema and ``APIRouter`` checks it before the handler runs: both read this one
/// declaration, so the document states exactly the rule the server enforces.
///
/// Patterns are anchored regular expressions in the common subset of ECMA 262 (the document's
/// dialect) and Swift's `Regex`, matched on Unicode scalars; lengths count Unicode scalars, as
/// JSON Schema's `minLength`/`maxLength` do.
public struct APIValueRule: Sendable {
    /// The parameter's JSON Schema.
    public let schema: JSONValue
    /// What the value must be, as the end of "'name' must …" in a 400 problem.
    public let requirement: String
    private let accepts: @Sendable (String) -> Bool

    init(schema: JSONValue, requirement: String, accepts: @escaping @Sendable (String) -> Bool) {
        self.schema = schema
        self.requirement = requirement
        self.accepts = accepts
    }

    /// Whether `value` follows the rule.
    public func admits(_ value: String) -> Bool { accepts(value) }

    /// Text: optionally of `minLength`…`maxLength` scalars and matching `pattern`; `requirement`
    /// explains the pattern in the problem (default: "match <pattern without anchors>").
    public static func text(pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
                            requirement: String? = nil, description: String? = nil) -> APIValueRule {
        var schema: [String: JSONValue] = ["type": "string"]
        if let description { schema["description"] = .string(description) }
        if let pattern { schema["pattern"] = .string(pattern) }
        if let minLength { schema["minLength"] = .int(Int64(minLength)) }
        if let maxLength { schema["maxLength"] = .int(Int64(maxLength)) }
        let matcher = pattern.map(PatternMatcher.init)
        var words: [String] = []
        if let pattern { words.append(requirement ?? "match " + PatternMatcher.unanchored(pattern)) }
        switch (minLength, maxLength) {
        case (let low?, let high?): words.append("be \(low)-\(high) characters long")
        case (let low?, nil): words.append("be at least \(low) character\(low == 1 ? "" : "s") long")
        case (nil, let high?): words.append("be at most \(high) characters long")
        case (nil, nil): break
        }
        return APIValueRule(schema: .object(schema), requirement: words.isEmpty ? "be text" : words.joined(separator: " and ")) { value in
            let length = value.unicodeScalars.count
            if let minLength, length < minLength { return false }
            if let maxLength, length > maxLength { return false }
            return matcher?.matches(value) ?? true
        }
    }

    /// One of `values`, exactly.
    public static func oneOf(_ values: [String]) -> APIValueRule {
        let allowed = Set(values)
        let listed = values.count == 2 ? "\(values[0]) or \(values[1])"
            : values.dropLast().joined(separator: ", ") + " or " + (values.last ?? "")
        return APIValueRule(schema: ["type": "string", "enum": .array(values.map(JSONValue.string))],
                            requirement: "be \(listed)") { allowed.contains($0) }
    }

    /// A whole number in `range` (decimal digits, an optional leading minus).
    public static func integer(_ range: ClosedRange<Int64>) -> APIValueRule {
        APIValueRule(schema: ["type": "integer", "minimum": .int(range.lowerBound), "maximum": .int(range.upperBound)],
                     requirement: "be a whole number in \(range.lowerBound)…\(range.upperBound)") { value in
            parseInteger(value).map(range.contains) ?? false
        }
    }

    /// `true` or `false`, nothing else (not empty, not `null`, not `1`).
    public static let boolean = APIValueRule(schema: .booleanSchema, requirement: "be true or false") {
        $0 == "true" || $0 == "false"
    }

    /// An RFC 3339 date-time (`2026-01-31T12:00:00Z`, fractional seconds and offsets allowed).
    public static let dateTime = APIValueRule(schema: .dateSchema, requirement: "be an RFC 3339 date-time, e.g. 2026-01-31T12:00:00Z") {
        parseDate($0) != nil
    }

    /// Users and groups: `[a-z0-9][a-z0-9._-]{0,63}` (the catalog's account names).
    public static let accountName = text(pattern: "^[a-z0-9][a-z0-9._-]{0,63}$")
    /// Apps, packages and versions: `[a-z0-9][a-z0-9._+-]{0,127}` (the catalog's object names).
    public static let objectName = text(pattern: "^[a-z0-9][a-z0-9._+-]{0,127}$")
    /// A package as `name@version`.
    public static let packageReference = text(pattern: "^[a-z0-9][a-z0-9._+-]{0,127}@[a-z0-9][a-z0-9._+-]{0,127}$",
                                              requirement: "be name@version of a registered package")
    /// No control characters (Unicode's `Cc`).
    public static let noControlCharacters = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
    /// No control characters but line breaks.
    public static let noControlCharactersButLineBreaks = "^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f]*$"
    /// Free text shown to people (case, token and app titles): 1-256 characters, no control
    /// characters (the catalog's labels).
    public static let label = text(pattern: noControlCharacters, minLength: 1, maxLength: 256, requirement: "have no control characters")
    /// A password: 8-72 characters without NUL. The catalog also refuses more than 72 bytes of
    /// UTF-8 (bcrypt reads no more), which JSON Schema cannot state; the description does.
    public static let password = text(pattern: "^[^\\u0000]*$", minLength: 8, maxLength: 72, requirement: "have no NUL character",
                                      description: "8-72 bytes of UTF-8 (bcrypt reads no more), without NUL.")
    /// An id (or a user's or group's name) in a path: 1-64 characters.
    public static let key = text(minLength: 1, maxLength: 64)
    /// A SHA-256 digest as 64 hex digits.
    public static let sha256Hex = text(pattern: "^[0-9a-fA-F]{64}$", requirement: "be 64 hex digits")

    /// The value of a whole number that ``integer(_:)`` admits.
    public static func parseInteger(_ text: String) -> Int64? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int64(text)
    }

    /// The time of an RFC 3339 date-time that ``dateTime`` admits.
    public static func parseDate(_ text: String) -> Date? {
        let upper = text.uppercased()
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: upper) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: upper)
    }
}

/// A compiled pattern (Swift's `Regex` is not `Sendable`; matching never mutates it).
private struct PatternMatcher: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(_ pattern: String) {
        // The patterns are constants of the route table: a malformed one is a programming error.
        regex = try! Regex(pattern).matchingSemantics(.unicodeScalar)
    }

    func matches(_ value: String) -> Bool { (try? regex.firstMatch(in: value)) != nil }

    /// `pattern` without its `^…$` anchors, for people.
    static func unanchored(_ pattern: String) -> String {
        var text = Substring(pattern)
        if text.hasPrefix("^") { text = text.dropFirst() }
        if text.hasSuffix("$") { text = text.dropLast() }
        return String(text)
    }
}
