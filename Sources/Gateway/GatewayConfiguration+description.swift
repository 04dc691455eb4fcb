import Foundation

/// How a configuration shows when printed, dumped or logged: every setting, but the secrets (the
/// cluster secret, the first admin's password, a database password) only as `<redacted>`.
extension GatewayConfiguration: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "GatewayConfiguration(" + customMirror.children.map { "\($0.label ?? "?"): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        func redacted(_ value: String?) -> String { value == nil ? "nil" : "<redacted>" }
        let children: KeyValuePairs<String, Any> = [
            "dataDirectory": dataDirectory, "host": host, "httpsPort": httpsPort, "httpRedirectPort": httpRedirectPort as Any,
            "tlsCertificatePath": tlsCertificatePath as Any, "tlsKeyPath": tlsKeyPath as Any, "storePath": storePath,
            "logFormat": logFormat, "logLevel": logLevel, "database": Self.redactingPassword(database), "maxUploadBytes": maxUploadBytes,
            "requestsPerSecond": requestsPerSecond, "initialAdminPassword": redacted(initialAdminPassword), "bcryptCost": bcryptCost,
            "proxy": proxy, "nodeName": nodeName, "solveSlots": solveSlots, "sessionIdleSeconds": sessionIdleSeconds,
            "reconnectWindowSeconds": reconnectWindowSeconds, "launchTimeoutSeconds": launchTimeoutSeconds, "leaseSeconds": leaseSeconds,
            "unlicensedLimits": unlicensedLimits, "clusterSecret": redacted(clusterSecret), "advertiseURL": advertiseURL as Any,
            "clusterCAFile": clusterCAFile as Any, "keysDirectory": keysDirectory, "heartbeatSeconds": heartbeatSeconds,
            "nodeDeadAfterSeconds": nodeDeadAfterSeconds as Any, "gcIntervalSeconds": gcIntervalSeconds,
            "gcGraceSeconds": gcGraceSeconds,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }

    /// A database URL with its password (if any) shown as `<redacted>`.
    static func redactingPassword(_ database: String) -> String {
        guard database.contains("://"), var parts = URLComponents(string: database), parts.password != nil else { return database }
        parts.password = "redacted"
        return (parts.string ?? "").replacingOccurrences(of: ":redacted@", with: ":<redacted>@")
    }
}
