import Foundation
import Logging

/// How one kind of setting value is read and shown: from text (an environment variable or a
/// flag), from a JSON value (the `--config` file), back to text (the effective configuration, the
/// README's defaults), and made final once every layer is applied (paths made absolute).
public struct SettingCodec<Value: Sendable>: Sendable {
    let shape: SettingJSONShape
    /// A word that means "off" (`nil`); JSON `null` means the same.
    let offWord: String?
    /// Text to value; throws ``InvalidSettingValue`` with the reason.
    let parse: @Sendable (String) throws -> Value
    /// Value to text, as the effective configuration shows it.
    let format: @Sendable (Value) -> String
    /// The value made final from the working directory `base` (paths made absolute).
    let resolve: @Sendable (Value, _ base: String) -> Value

    init(_ shape: SettingJSONShape, offWord: String? = nil, parse: @escaping @Sendable (String) throws -> Value,
         format: @escaping @Sendable (Value) -> String = { "\($0)" },
         resolve: @escaping @Sendable (Value, String) -> Value = { value, _ in value }) {
        self.shape = shape
        self.offWord = offWord
        self.parse = parse
        self.format = format
        self.resolve = resolve
    }

    /// The text a JSON value stands for, or the reason it is refused.
    func text(fromJSON raw: Any) throws -> String {
        if raw is NSNull, let offWord { return offWord }
        switch shape {
        case .string:
            if let text = raw as? String { return text }
            throw InvalidSettingValue("must be a string")
        case .wholeNumber:
            if let offWord, let text = raw as? String, text.lowercased() == offWord { return text }
            if !Self.isBool(raw), let number = raw as? Int { return String(number) }
            throw InvalidSettingValue("must be a whole number" + (offWord.map { " or \"\($0)\"" } ?? ""))
        case .number:
            if !Self.isBool(raw), let number = (raw as? NSNumber)?.doubleValue { return String(number) }
            throw InvalidSettingValue("must be a number")
        case .bool:
            if Self.isBool(raw), let flag = raw as? Bool { return flag ? "on" : "off" }
            if let text = raw as? String { return text }
            throw InvalidSettingValue("must be true or false")
        }
    }

    /// Whether a JSON value is `true` or `false` (Foundation reads them as NSNumbers, and `0 is Bool` holds).
    private static func isBool(_ raw: Any) -> Bool {
        guard let number = raw as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }
}

/// What a JSON config file holds for a setting.
enum SettingJSONShape: Sendable { case string, wholeNumber, number, bool }

/// Why a value cannot be used (the setting and its source are added by the caller).
struct InvalidSettingValue: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension SettingCodec where Value == String {
    /// A DNS name of two labels or more (letters, digits, `-`), lowercased.
    static var domainName: Self {
        Self(.string, parse: { text in
            let name = text.lowercased()
            let labels = name.split(separator: ".", omittingEmptySubsequences: false)
            let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
            guard labels.count >= 2, name.utf8.count <= 200,
                  labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") && $0.allSatisfy(allowed.contains) }) else {
                throw InvalidSettingValue("'\(text)' is not a DNS name of two labels or more (letters, digits and '-', like sessions.example.org)")
            }
            return name
        })
    }

    static var string: Self { Self(.string, parse: { $0 }) }

    /// A file or directory: made absolute from the working directory at load.
    static var path: Self { Self(.string, parse: { $0 }, resolve: { path, base in absolutePath(path, base: base) }) }

    /// The admin database: a `postgres://` URL (password never shown), or a SQLite file path.
    static var database: Self {
        Self(.string, parse: { $0 }, format: GatewayConfiguration.redactingPassword,
             resolve: { value, base in GatewayConfiguration.isPostgresURL(value) ? value : absolutePath(value, base: base) })
    }
}

extension SettingCodec where Value == Int {
    /// A TCP port; 0 picks a free one.
    static var port: Self {
        Self(.wholeNumber, parse: { text in
            guard let port = Int(text), (0...65535).contains(port) else { throw InvalidSettingValue("'\(text)' is not a port number (0–65535)") }
            return port
        })
    }
}

extension SettingCodec where Value == Int? {
    /// A port, or `off` (JSON `null` too) for none.
    static var optionalPort: Self {
        let port = SettingCodec<Int>.port
        return Self(.wholeNumber, offWord: "off", parse: { $0.lowercased() == "off" ? nil : try port.parse($0) },
                    format: { $0.map(String.init) ?? "off" })
    }
}

extension SettingCodec where Value: FixedWidthInteger {
    /// A whole number in `range`.
    static func count(_ range: ClosedRange<Value>) -> Self {
        Self(.wholeNumber, parse: { text in
            guard let value = Value(text), range.contains(value) else {
                throw InvalidSettingValue("'\(text)' is not a whole number in \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        })
    }
}

extension SettingCodec where Value == Int64 {
    /// A byte count with an optional K, M, G or T suffix (powers of 1024); shown with the largest exact suffix.
    static var size: Self {
        let units: [(Character, Int64)] = [("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)]
        return Self(.wholeNumber, parse: { text in
            var digits = text.uppercased()
            var scale: Int64 = 1
            if digits.hasSuffix("B") { digits.removeLast() }
            if let last = digits.last, let unit = units.first(where: { $0.0 == last }) { scale = unit.1; digits.removeLast() }
            guard let value = Int64(digits), value > 0, value <= Int64.max / scale else {
                throw InvalidSettingValue("'\(text)' is not a size such as 8G or 500M")
            }
            return value * scale
        }, format: { bytes in
            units.first { bytes % $0.1 == 0 }.map { "\(bytes / $0.1)\($0.0)" } ?? String(bytes)
        })
    }
}

extension SettingCodec where Value == Bool {
    /// `on` or `off` (also `true`/`false`, `yes`/`no`, `1`/`0`; JSON `true`/`false`).
    static var onOff: Self {
        Self(.bool, parse: { text in
            switch text.lowercased() {
            case "on", "true", "yes", "1": return true
            case "off", "false", "no", "0": return false
            default: throw InvalidSettingValue("'\(text)' is not on or off")
            }
        }, format: { $0 ? "on" : "off" })
    }
}

extension SettingCodec where Value == UInt64 {
    /// A byte count as ``SettingCodec/size`` reads and shows it.
    static var byteSize: Self {
        let size = SettingCodec<Int64>.size
        return Self(.wholeNumber, parse: { UInt64(try size.parse($0)) }, format: { size.format(Int64(clamping: $0)) })
    }
}

extension SettingCodec where Value == UInt64? {
    /// A whole number in `range`, or `off` (JSON `null` too) for none.
    static func optionalCount(_ range: ClosedRange<UInt64>) -> Self {
        let count = SettingCodec<UInt64>.count(range)
        return Self(.wholeNumber, offWord: "off", parse: { $0.lowercased() == "off" ? nil : try count.parse($0) },
                    format: { $0.map(String.init) ?? "off" })
    }
}

extension SettingCodec where Value == ClosedRange<UInt32> {
    /// A range of user ids `FIRST-LAST` (JSON: the same string), never including 0 (root) or the gateway's own uid.
    static var uidRange: Self {
        Self(.string, parse: { text in
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let first = UInt32(parts[0].trimmingCharacters(in: .whitespaces)),
                  let last = UInt32(parts[1].trimmingCharacters(in: .whitespaces)), first <= last else {
                throw InvalidSettingValue("'\(text)' is not a range of user ids FIRST-LAST")
            }
            guard first > 0 else { throw InvalidSettingValue("'\(text)' includes uid 0 (root)") }
            guard !(first...last).contains(getuid()) else { throw InvalidSettingValue("'\(text)' includes the gateway's own uid \(getuid())") }
            return first...last
        }, format: { "\($0.lowerBound)-\($0.upperBound)" })
    }
}

extension SettingCodec where Value == Double {
    /// Seconds, decimals allowed (`0.5`).
    static func seconds(_ range: ClosedRange<Double>) -> Self {
        Self(.number, parse: { text in
            guard let value = Double(text), value.isFinite, range.contains(value) else {
                throw InvalidSettingValue("'\(text)' is not a number of seconds in \(range.lowerBound)…\(range.upperBound)")
            }
            return value
        }, format: { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : String($0) })
    }
}

extension SettingCodec where Value == LogFormat {
    static var logFormat: Self {
        Self(.string, parse: { text in
            guard let format = LogFormat(rawValue: text.lowercased()) else { throw InvalidSettingValue("'\(text)' is not text or json") }
            return format
        }, format: \.rawValue)
    }
}

extension SettingCodec where Value == Logger.Level {
    static var logLevel: Self {
        Self(.string, parse: { text in
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw InvalidSettingValue("'\(text)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return level
        }, format: \.rawValue)
    }
}

extension SettingCodec {
    /// `wrapped`, or unset (`nil`).
    static func optional<Wrapped>(_ wrapped: SettingCodec<Wrapped>) -> Self where Value == Wrapped? {
        Self(wrapped.shape, parse: { try wrapped.parse($0) }, format: { $0.map(wrapped.format) ?? "nil" },
             resolve: { value, base in value.map { wrapped.resolve($0, base) } })
    }
}

extension SettingCodec where Value == String? {
    /// A secret of at least `minimumLength` characters; a short one is refused without being shown.
    static func secret(minimumLength: Int) -> Self {
        .optional(SettingCodec<String>(.string, parse: { text in
            guard text.count >= minimumLength else {
                throw InvalidSettingValue("must be at least \(minimumLength) characters (it has \(text.count))")
            }
            return text
        }))
    }

    /// A bare `https://host[:port]` base URL.
    static var httpsBaseURL: Self {
        .optional(SettingCodec<String>(.string, parse: { url in
            guard let parts = URLComponents(string: url), parts.scheme?.lowercased() == "https", let host = parts.host, !host.isEmpty,
                  parts.path.isEmpty || parts.path == "/", parts.query == nil, parts.fragment == nil, parts.user == nil else {
                throw InvalidSettingValue("'\(url)' is not an https://host[:port] URL")
            }
            return url
        }))
    }
}

/// `path` as an absolute, normalized path (`.` and `..` resolved, no trailing slash); a relative
/// one is taken from `base`.
func absolutePath(_ path: String, base: String) -> String {
    let joined = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base : base + "/") + path
    return URL(fileURLWithPath: joined).standardizedFileURL.path
}
