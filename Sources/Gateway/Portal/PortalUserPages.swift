import Catalog
import Hummingbird

/// `/admin/users` (admins): list, create, change a role, disable or enable. Nobody can disable
/// themselves or drop their own admin role here.
enum PortalUserPages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            let users = try await call.catalog.listUsers(PageRequest(limit: 1000)).map { user -> [String: Any] in
                ["id": user.id, "name": user.name, "displayName": user.displayName, "disabled": user.disabled,
                 "roles": [Role.user, .publisher, .admin].map { ["role": $0.rawValue, "selected": $0 == user.role] }]
            }
            return PortalView("users", title: "Users", ["users": users])
        }
        portal.page("/admin/users", access: .admin, page)
        portal.form("/admin/users", access: .admin, page: page) { call, form in
            let name = try form.require("name", "the user's name").lowercased()
            guard CatalogName.isValidAccountName(name) else { throw Problem.badRequest(PortalNames.accountRule("A user's name")) }
            if let display = form["displayName"], !CatalogName.isValidLabel(display) {
                throw Problem.badRequest(PortalNames.labelRule("The display name"))
            }
            guard let password = form.raw("password"), !password.isEmpty else { throw Problem.badRequest("Fill in a password.") }
            guard (8...72).contains(password.utf8.count) else {
                throw Problem.badRequest("The password must be 8 to 72 bytes long (most characters are one byte).")
            }
            guard let role = Role(rawValue: form["role"] ?? "user") else { throw Problem.badRequest("Choose a role.") }
            let user = try await call.catalog.createUser(name: name, displayName: form["displayName"] ?? name, password: password,
                                                         role: role, by: call.actor)
            return .redirect("/admin/users", message: "User \(user.name) created.")
        }
        portal.form("/admin/users/:user/role", access: .admin, page: page) { call, form in
            let target = try await user(call)
            guard let role = Role(rawValue: form["role"] ?? "") else { throw Problem.badRequest("Choose a role.") }
            try await AccountPolicy.setRole(role, of: target, by: call.user, call.services)
            return .redirect("/admin/users", message: "\(target.name) is now a \(role.rawValue).")
        }
        portal.form("/admin/users/:user/disabled", access: .admin, page: page) { call, form in
            let target = try await user(call)
            let disabled = form["disabled"] == "true"
            try await AccountPolicy.setDisabled(disabled, of: target, by: call.user, call.services)
            return .redirect("/admin/users", message: disabled ? "\(target.name) is disabled." : "\(target.name) is enabled.")
        }
    }

    static func user(_ call: PortalCall) async throws -> User {
        guard let user = try await call.catalog.user(id: try call.parameter("user")) else { throw Problem.notFound("There is no such user.") }
        return user
    }
}
