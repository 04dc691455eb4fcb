/// The authorization matrix: every API route × anonymous, user, another user, publisher, admin.
/// A route missing here (or a row for no route) fails ``AuthorizationMatrixTests``.
extension MatrixRow {
    static let everyone: [MatrixOutcome] = [.anon, .ok, .ok, .ok, .ok]
    static let adminOnly: [MatrixOutcome] = [.anon, .denied, .denied, .denied, .ok]

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
    ]
}
