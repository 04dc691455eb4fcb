/// How a layer shows when printed, dumped or logged: the settings it sets, but the secrets (the
/// cluster secret, the first admin's password, a database password) only as `<redacted>`.
extension ConfigurationLayer: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "ConfigurationLayer(" + customMirror.children.map { "\($0.label ?? "?"): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        let children = GatewayConfiguration.settings.compactMap { setting in
            setting.shown(self).map { (label: Optional(setting.name), value: $0 as Any) }
        }
        return Mirror(self, children: children, displayStyle: .struct)
    }
}
