/// The portal's authorization matrix: every page (GET) and form (POST) × user, another user,
/// publisher, admin (anonymous callers always go to `/logon`), plus a hidden app version where a
/// route takes a version. The expectations are the API matrix's for the same action, so the
/// portal and the API answer alike. A registered portal route missing here (or a row for no
/// route) fails ``PortalAuthorizationMatrixTests``.
extension PortalMatrixRow {
    static let everyone: [MatrixOutcome] = [.ok, .ok, .ok, .ok]
    static let adminOnly: [MatrixOutcome] = [.denied, .denied, .denied, .ok]
    static let publishers: [MatrixOutcome] = [.denied, .denied, .ok, .ok]
    /// demo: alice may read (and launch), bob may not see it, pat published it.
    static let readers: [MatrixOutcome] = [.ok, .hidden, .ok, .ok]
    /// alice may launch demo; pat (read and publish) may not; bob does not see it.
    static let launchers: [MatrixOutcome] = [.ok, .hidden, .denied, .ok]
    /// A hidden version: only those who may launch and publish (admins) see it.
    static let hiddenVersion: [MatrixOutcome] = [.hidden, .hidden, .denied, .ok]
    static let caseReaders: [MatrixOutcome] = [.ok, .hidden, .ok, .hidden]
    static let caseOwner: [MatrixOutcome] = [.ok, .hidden, .denied, .hidden]
    static let own: [MatrixOutcome] = [.ok, .hidden, .hidden, .ok]

    static func password(_ caller: MatrixCaller) -> String {
        caller == .admin ? TestGateway.adminPassword : (caller.account ?? "x") + "-password"
    }

    static let table: [PortalMatrixRow] = [
        PortalMatrixRow(.get, "/", everyone),
        PortalMatrixRow(.get, "/apps", everyone),
        PortalMatrixRow(.post, "/apps", publishers, fields: { _, _ in ["name": "fresh", "title": "Fresh"] }),
        PortalMatrixRow(.get, "/apps/:app", readers),
        PortalMatrixRow(.post, "/apps/:app/latest", publishers, fields: { _, _ in ["version": "1.0.0"] }),
        PortalMatrixRow(.post, "/apps/:app/latest", publishers, variant: "hidden version", fields: { _, _ in ["version": "1.2.0"] }),
        PortalMatrixRow(.post, "/apps/:app/hidden", publishers, fields: { _, _ in ["version": "1.2.0", "hidden": "false"] }),
        PortalMatrixRow(.post, "/apps/:app/rollback", publishers),
        PortalMatrixRow(.post, "/apps/:app/rights", publishers, fields: { _, _ in ["kind": "user", "name": "bob", "right": "read"] }),
        PortalMatrixRow(.post, "/apps/:app/rights/remove", publishers,
                        fields: { _, f in ["kind": "user", "id": f.ids["alice"]!, "right": "read"] }),
        // Launch: the fixture runtime has no manifest, so a launch that passes the checks fails after them (422).
        PortalMatrixRow(.get, "/apps/:app/launch", launchers),
        PortalMatrixRow(.get, "/apps/:app/launch", hiddenVersion, query: "version=1.2.0", variant: "hidden version"),
        PortalMatrixRow(.post, "/apps/:app/launch", launchers),
        PortalMatrixRow(.post, "/apps/:app/launch", hiddenVersion, variant: "hidden version", fields: { _, _ in ["version": "1.2.0"] }),
        PortalMatrixRow(.get, "/packages", everyone),
        PortalMatrixRow(.post, "/packages/delete", adminOnly, fields: { _, _ in ["name": "rt", "version": "1.0.0"] }),
        PortalMatrixRow(.get, "/packages/:name/:version/network", adminOnly),
        PortalMatrixRow(.post, "/packages/:name/:version/network", adminOnly, fields: { _, _ in ["allowed": "true"] }),
        PortalMatrixRow(.get, "/cases", everyone),
        PortalMatrixRow(.get, "/cases/:case", caseReaders),
        PortalMatrixRow(.post, "/cases/:case/share", caseOwner, fields: { _, _ in ["kind": "user", "name": "bob", "access": "read"] }),
        PortalMatrixRow(.post, "/cases/:case/unshare", caseOwner, fields: { _, f in ["kind": "user", "id": f.ids["pat"]!] }),
        PortalMatrixRow(.post, "/cases/:case/delete", caseOwner),
        PortalMatrixRow(.post, "/cases/:case/solve", [.ok, .hidden, .denied, .hidden]),
        PortalMatrixRow(.get, "/sessions", everyone),
        PortalMatrixRow(.post, "/sessions/:session/stop", own),
        PortalMatrixRow(.get, "/sessions/:session/log", own),
        PortalMatrixRow(.get, "/jobs", everyone),
        PortalMatrixRow(.get, "/jobs/:job", own),
        PortalMatrixRow(.post, "/jobs/:job/cancel", own),
        PortalMatrixRow(.get, "/account", everyone),
        PortalMatrixRow(.post, "/account/password", everyone,
                        fields: { c, _ in ["current": password(c), "new": "a-new-password-1", "repeat": "a-new-password-1"] }),
        PortalMatrixRow(.get, "/account/new-password", everyone),
        PortalMatrixRow(.post, "/account/new-password", everyone,
                        fields: { c, _ in ["current": password(c), "new": "a-new-password-1", "repeat": "a-new-password-1"] }),
        PortalMatrixRow(.post, "/account/tokens", everyone, fields: { _, _ in ["name": "another", "scope": "read"] }),
        // alice's spare token: hers, and (as in the API) an admin's to revoke.
        PortalMatrixRow(.post, "/account/tokens/revoke", own, fields: { _, f in ["id": f.ids["token"]!] }),
        PortalMatrixRow(.get, "/admin/users", adminOnly),
        PortalMatrixRow(.post, "/admin/users", adminOnly, fields: { _, _ in ["name": "carol", "password": "carol-password"] }),
        PortalMatrixRow(.post, "/admin/users/:user/role", adminOnly, fields: { _, _ in ["role": "publisher"] }),
        PortalMatrixRow(.post, "/admin/users/:user/disabled", adminOnly, fields: { _, _ in ["disabled": "true"] }),
        PortalMatrixRow(.get, "/admin/groups", adminOnly),
        PortalMatrixRow(.post, "/admin/groups", adminOnly, fields: { _, _ in ["name": "planners"] }),
        PortalMatrixRow(.post, "/admin/groups/:group/delete", adminOnly),
        PortalMatrixRow(.post, "/admin/groups/:group/add", adminOnly, fields: { _, _ in ["user": "bob"] }),
        PortalMatrixRow(.post, "/admin/groups/:group/remove", adminOnly, fields: { _, f in ["user": f.ids["alice"]!] }),
        PortalMatrixRow(.get, "/quotas", everyone),
        PortalMatrixRow(.get, "/admin/quotas", adminOnly),
        PortalMatrixRow(.post, "/admin/quotas", adminOnly, fields: { _, _ in ["subject": "user", "name": "alice", "quota": "jobs", "limit": "5"] }),
        PortalMatrixRow(.get, "/admin/keys", adminOnly),
        PortalMatrixRow(.post, "/admin/keys", adminOnly, fields: { _, f in ["publicKey": String(decoding: f.blobs["newKey"]!, as: UTF8.self)] }),
        PortalMatrixRow(.post, "/admin/keys/revoke", adminOnly, fields: { _, f in ["id": f.ids["key"]!] }),
        PortalMatrixRow(.get, "/audit", adminOnly),
        PortalMatrixRow(.get, "/admin/license", adminOnly),
        PortalMatrixRow(.post, "/admin/license", adminOnly, fields: { _, f in ["license": String(decoding: f.blobs["license"]!, as: UTF8.self)] }),
        PortalMatrixRow(.get, "/admin/store", adminOnly),
        PortalMatrixRow(.post, "/admin/store", adminOnly),
        PortalMatrixRow(.get, "/admin/cluster", adminOnly),
    ]
}
