import Foundation

/// How a configuration shows when printed, dumped or logged: every setting, but the secrets (the
/// cluster secret, the first admin's password, a database password) only as `<redacted>`.
extension GatewayConfiguration: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "GatewayConfiguration(" + customMirror.children.map { "\($0.label ?? "?"): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        var children: [(label: String?, value: Any)] = Self.settings.map { (label: $0.name, value: $0.shown(self)) }
        children.append((label: "proxy", value: proxy))
        children.append((label: "unlicensedLimits", value: unlicensedLimits))
        return Mirror(self, children: children, displayStyle: .struct)
    }

    /// A database URL with its password (if any) shown as `<redacted>`.
    static func redactingPassword(_ database: String) -> String {
        guard database.contains("://"), var parts = URLComponents(string: database), parts.password != nil else { return database }
        parts.password = "redacted"
        return (parts.string ?? "").replacingOccurrences(of: ":redacted@", with: ":<redacted>@")
    }
}
