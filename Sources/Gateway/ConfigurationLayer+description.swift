/// How a layer shows when printed, dumped or logged: the settings it sets, but the secrets (the
/// cluster secret, the first admin's password) only as `<redacted>`.
extension ConfigurationLayer: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "ConfigurationLayer(" + customMirror.children.map { "\($0.label ?? "?"): \($0.value)" }.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        func redacted(_ value: String?) -> Any { value == nil ? "nil" : "<redacted>" }
        let children: KeyValuePairs<String, Any> = [
            "dataDirectory": dataDirectory as Any, "host": host as Any, "httpsPort": httpsPort as Any, "httpRedirectPort": httpRedirectPort as Any,
            "tlsCertificatePath": tlsCertificatePath as Any, "tlsKeyPath": tlsKeyPath as Any, "storePath": storePath as Any,
            "logFormat": logFormat as Any, "logLevel": logLevel as Any, "database": database.map(GatewayConfiguration.redactingPassword) as Any, "maxUploadBytes": maxUploadBytes as Any,
            "requestsPerSecond": requestsPerSecond as Any, "initialAdminPassword": redacted(initialAdminPassword), "bcryptCost": bcryptCost as Any,
            "nodeName": nodeName as Any, "solveSlots": solveSlots as Any, "sessionIdleSeconds": sessionIdleSeconds as Any,
            "reconnectWindowSeconds": reconnectWindowSeconds as Any, "launchTimeoutSeconds": launchTimeoutSeconds as Any,
            "leaseSeconds": leaseSeconds as Any, "clusterSecret": redacted(clusterSecret), "advertiseURL": advertiseURL as Any,
            "clusterCAFile": clusterCAFile as Any, "keysDirectory": keysDirectory as Any, "heartbeatSeconds": heartbeatSeconds as Any,
            "nodeDeadAfterSeconds": nodeDeadAfterSeconds as Any, "gcIntervalSeconds": gcIntervalSeconds as Any,
            "gcGraceSeconds": gcGraceSeconds as Any,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }
}
