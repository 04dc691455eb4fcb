import Foundation

/// The environment a runtime gets (docs/runtime.md): exactly these variables, nothing inherited.
struct SessionEnvironment {
    var sessionId: String
    var kind: String
    var app: String
    var appVersion: String
    var appDirectory: String
    var runtimeDirectory: String
    var workDirectory: String
    /// The gateway's API socket as the runtime sees it.
    var apiSocket: String
    var token: String
    var caseId: String?
    // data
    /// The socket path to listen on, as the runtime sees it (`ATRIUM_LISTEN=unix:<path>`).
    var listen: String?
    var basePath: String?
    /// The portal's address as browsers reach it (`ATRIUM_PORTAL_URL`).
    var portalURL: String?
    var proxySecret: String?
    // solve
    var input: String?
    var output: String?
    var timeoutSeconds: Int?

    var variables: [String: String] {
        var env: [String: String] = [
            "ATRIUM_SESSION_ID": sessionId, "ATRIUM_SESSION_KIND": kind,
            "ATRIUM_APP": app, "ATRIUM_APP_VERSION": appVersion,
            "ATRIUM_APP_DIR": appDirectory, "ATRIUM_RUNTIME_DIR": runtimeDirectory, "ATRIUM_WORK_DIR": workDirectory,
            "ATRIUM_API_URL": SessionSettings.apiURL, "ATRIUM_API_SOCKET": apiSocket, "ATRIUM_TOKEN": token,
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": workDirectory, "TMPDIR": workDirectory, "LANG": "C.UTF-8",
        ]
        env["ATRIUM_CASE_ID"] = caseId
        env["ATRIUM_LISTEN"] = listen.map { "unix:" + $0 }
        env["ATRIUM_BASE_PATH"] = basePath
        env["ATRIUM_PORTAL_URL"] = portalURL
        env["ATRIUM_PROXY_SECRET"] = proxySecret
        env["ATRIUM_INPUT"] = input
        env["ATRIUM_OUTPUT"] = output
        env["ATRIUM_TIMEOUT_SECONDS"] = timeoutSeconds.map(String.init)
        return env
    }
}
