import NIOCore

/// The authorization matrix: every API route × anonymous, user, another user, publisher, admin.
/// A route missing here (or a row for no route) fails ``AuthorizationMatrixTests``.
extension MatrixRow {
    static let everyone: [MatrixOutcome] = [.anon, .ok, .ok, .ok, .ok]
    static let adminOnly: [MatrixOutcome] = [.anon, .denied, .denied, .denied, .ok]
    static let publishers: [MatrixOutcome] = [.anon, .denied, .denied, .ok, .ok]
    /// Objects alice may read and bob may not see (pat published them).
    static let readers: [MatrixOutcome] = [.anon, .ok, .hidden, .ok, .ok]
    /// alice's case, shared with pat for reading; admins do not see users' cases.
    static let caseReaders: [MatrixOutcome] = [.anon, .ok, .hidden, .ok, .hidden]
    /// Saving, sharing, deleting: the owner; pat's read share gets 403.
    static let caseOwner: [MatrixOutcome] = [.anon, .ok, .hidden, .denied, .hidden]
    /// alice's sessions and jobs: hers and the admins'.
    static let own: [MatrixOutcome] = [.anon, .ok, .hidden, .hidden, .ok]

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
        MatrixRow("getPackageNetwork", adminOnly),
        MatrixRow("setPackageNetwork", adminOnly, json: { _, _ in ["allowed": true] }),
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
        // Groups
        MatrixRow("listGroups", adminOnly),
        MatrixRow("createGroup", adminOnly, json: { _, _ in ["name": "planners"] }),
        MatrixRow("deleteGroup", adminOnly),
        MatrixRow("listGroupMembers", adminOnly),
        MatrixRow("addGroupMember", adminOnly),
        MatrixRow("removeGroupMember", adminOnly),
        // Quotas
        MatrixRow("getOwnQuotas", everyone),
        MatrixRow("getUserQuotas", adminOnly),
        MatrixRow("setUserQuota", adminOnly, json: { _, _ in ["limit": 5] }),
        MatrixRow("clearUserQuota", adminOnly),
        MatrixRow("getGroupQuotas", adminOnly),
        MatrixRow("setGroupQuota", adminOnly, json: { _, _ in ["unlimited": true] }),
        MatrixRow("clearGroupQuota", adminOnly),
        // Tokens: your own; alice's spare token is hidden from others except admins.
        MatrixRow("listTokens", everyone),
        MatrixRow("createToken", everyone, json: { _, _ in ["name": "another", "scopes": ["read"]] }),
        MatrixRow("revokeToken", [.anon, .ok, .hidden, .hidden, .ok]),
        // Trusted keys
        MatrixRow("listKeys", publishers),
        MatrixRow("addKey", adminOnly, json: { _, f in ["publicKey": String(decoding: f.blobs["newKey"]!, as: UTF8.self)] }),
        MatrixRow("revokeKey", adminOnly, json: { _, _ in [:] }),
        MatrixRow("listAudit", adminOnly),
        // Cases
        MatrixRow("listCases", everyone),
        MatrixRow("createCase", readers, bytes: { _ in ByteBuffer(string: "x,y\n3,4\n") }, query: { _ in "app=demo&name=fresh" }),
        MatrixRow("getCase", caseReaders),
        MatrixRow("listCaseVersions", caseReaders),
        MatrixRow("downloadCaseVersion", caseReaders),
        MatrixRow("saveCaseVersion", caseOwner,
                  bytes: { _ in ByteBuffer(string: "a,b\n1,3\n") }),
        MatrixRow("shareCase", caseOwner, json: { _, f in ["subject": ["kind": "user", "id": f.ids["bob"]!], "access": "read"] }),
        MatrixRow("unshareCase", caseOwner),
        MatrixRow("deleteCase", caseOwner),
        // Data sessions: alice's; alice may launch demo (the fixture runtime has no manifest: 422 after the checks).
        MatrixRow("launchSession", [.anon, .ok, .hidden, .denied, .ok], json: { _, _ in ["app": "demo"] }),
        MatrixRow("listSessions", everyone),
        MatrixRow("getSession", own),
        MatrixRow("stopSession", own),
        MatrixRow("getSessionLog", own),
        // Jobs: alice's (scheduled a year ahead, so it stays queued); pat's read share may not solve.
        MatrixRow("submitJob", [.anon, .ok, .hidden, .denied, .hidden], json: { _, f in ["case": f.ids["case"]!, "scheduledAt": "2099-01-01T00:00:00Z"] }),
        MatrixRow("listJobs", everyone),
        MatrixRow("getJob", own),
        MatrixRow("cancelJob", own),
        MatrixRow("getJobLog", own),
        MatrixRow("followJob", own),
        // License
        MatrixRow("installLicense", adminOnly, bytes: { ByteBuffer(bytes: $0.blobs["license"]!) }),
        MatrixRow("getLicense", adminOnly),
        MatrixRow("listLicenseUsage", adminOnly),
        MatrixRow("getCluster", adminOnly),
        MatrixRow("getStore", adminOnly),
        MatrixRow("collectStore", adminOnly),
    ]
}
