import NIOCore

/// The authorization matrix: every API route × anonymous, user, another user, publisher, admin.
/// A route missing here (or a row for no route) fails ``AuthorizationMatrixTests``.
extension MatrixRow {
    static let everyone: [MatrixOutcome] = [.anon, .ok, .ok, .ok, .ok]
    static let adminOnly: [MatrixOutcome] = [.anon, .denied, .denied, .denied, .ok]
    static let publishers: [MatrixOutcome] = [.anon, .denied, .denied, .ok, .ok]
    /// Objects alice may read and bob may not see (pat published them).
    static let readers: [MatrixOutcome] = [.anon, .ok, .hidden, .ok, .ok]

    static let table: [MatrixRow] = [
        // Wrong credentials: an existing identity never stands in for them.
        MatrixRow("logOn", [.anon, .anon, .anon, .anon, .anon], json: { _, _ in ["name": "nobody", "password": "wrong-password"] }),
        MatrixRow("logOff", everyone),
        MatrixRow("me", everyone),
        MatrixRow("changeOwnPassword", everyone, json: { caller, _ in
            ["currentPassword": caller == .admin ? TestGateway.adminPassword : (caller.account ?? "x") + "-password",
             "newPassword": "a-new-password-1"]
        }),
        MatrixRow("listUsers", adminOnly),
        MatrixRow("createUser", adminOnly, json: { _, _ in ["name": "carol", "password": "carol-password"] }),
        MatrixRow("getUser", [.anon, .ok, .hidden, .hidden, .ok]),
        MatrixRow("updateUser", adminOnly, json: { _, _ in ["displayName": "Alice Changed"] }),
        // Packages
        MatrixRow("uploadPackage", publishers, bytes: { ByteBuffer(bytes: $0.blobs["package"]!) }),
        MatrixRow("listPackages", everyone),
        MatrixRow("getPackage", everyone),
        MatrixRow("deletePackage", adminOnly),
        // Apps and versions
        MatrixRow("getAppKey", everyone),
        MatrixRow("listApps", everyone),
        MatrixRow("createApp", publishers, json: { _, _ in ["name": "fresh", "title": "Fresh"] }),
        MatrixRow("getApp", readers),
        MatrixRow("listAppVersions", readers),
        MatrixRow("uploadAppVersion", publishers, bytes: { ByteBuffer(bytes: $0.blobs["sealed"]!) },
                  query: { _ in "version=1.2.0&runtime=rt@1.0.0" }),
        MatrixRow("setLatestAppVersion", publishers, json: { _, _ in ["version": "1.0.0"] }),
        MatrixRow("updateAppVersion", publishers, json: { _, _ in ["hidden": false] }),
        MatrixRow("rollBackApp", publishers),
        // Rights
        MatrixRow("listAppRights", publishers),
        MatrixRow("grantAppRight", publishers, json: { _, f in ["subject": ["kind": "user", "id": f.ids["bob"]!], "right": "read"] }),
        MatrixRow("revokeAppRight", publishers, query: { f in "kind=user&id=\(f.ids["alice"]!)&right=read" }),
    ]
}
