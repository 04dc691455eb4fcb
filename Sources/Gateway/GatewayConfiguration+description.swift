/// How a configuration shows when printed, dumped or logged: every setting, but the secrets (the
/// cluster secret, the first admin's password) only as `<redacted>`.
extension GatewayConfiguration: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "GatewayConfiguration(" + customMirror.children.map { "\($0.label ?? "?"): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        func redacted(_ value: String?) -> String { value == nil ? "nil" : "<redacted>" }
        let children: KeyValuePairs<String, Any> = [
            "dataDirectory": dataDirectory, "host": host, "httpsPort": httpsPort, "httpRedirectPort": httpRedirectPort as Any,
            "tlsCertificatePath": tlsCertificatePath as Any, "tlsKeyPath": tlsKeyPath as Any, "storePath": storePath,
            "logFormat": logFormat, "logLevel": logLevel, "database": database, "maxUploadBytes": maxUploadBytes,
            "requestsPerSecond": requestsPerSecond, "initialAdminPassword": redacted(initialAdminPassword), "bcryptCost": bcryptCost,
            "proxy": proxy, "nodeName": nodeName, "solveSlots": solveSlots, "sessionIdleSeconds": sessionIdleSeconds,
            "reconnectWindowSeconds": reconnectWindowSeconds, "launchTimeoutSeconds": launchTimeoutSeconds, "leaseSeconds": leaseSeconds,
            "unlicensedLimits": unlicensedLimits, "clusterSecret": redacted(clusterSecret), "advertiseURL": advertiseURL as Any,
            "clusterCAFile": clusterCAFile as Any,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }
}
