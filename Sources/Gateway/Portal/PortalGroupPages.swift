import Catalog
import Hummingbird

/// `/admin/groups` (admins): groups, their members, adding and removing them.
enum PortalGroupPages {
    static func add(_ portal: Portal) {
        let page: Portal.Page = { call in
            var groups: [[String: Any]] = []
            for group in try await call.catalog.listGroups(PageRequest(limit: 1000)) {
                let members = try await call.catalog.members(groupId: group.id).map { ["id": $0.id, "name": $0.name, "groupId": group.id] }
                groups.append(["id": group.id, "name": group.name, "members": members])
            }
            return PortalView("groups", title: "Groups", ["groups": groups])
        }
        portal.page("/admin/groups", access: .admin, page)
        portal.form("/admin/groups", access: .admin, page: page) { call, form in
            let name = try form.require("name", "the group's name").lowercased()
            guard CatalogName.isValidAccountName(name) else { throw Problem.badRequest(PortalNames.accountRule("A group's name")) }
            let group = try await call.catalog.createGroup(name: name, by: call.actor)
            return .redirect("/admin/groups", message: "Group \(group.name) created.")
        }
        portal.form("/admin/groups/:group/delete", access: .admin, page: page) { call, form in
            let group = try await group(call)
            guard PortalConfirmation.given(form) else {
                return .confirm(PortalConfirmation(
                    question: "Delete group \(group.name)?",
                    consequence: "Its members lose the rights and case shares they had through it; the users themselves stay.",
                    button: "Delete the group", back: "/admin/groups"))
            }
            try await call.catalog.deleteGroup(id: group.id, by: call.actor)
            return .redirect("/admin/groups", message: "Group \(group.name) deleted.")
        }
        portal.form("/admin/groups/:group/add", access: .admin, page: page) { call, form in
            let group = try await group(call)
            let name = try form.require("user", "a user name")
            guard let user = try await call.catalog.user(named: name.lowercased()) else { throw Problem.notFound("There is no user '\(name.prefix(64))'.") }
            try await call.catalog.addMember(groupId: group.id, userId: user.id, by: call.actor)
            return .redirect("/admin/groups", message: "\(user.name) added to \(group.name).")
        }
        portal.form("/admin/groups/:group/remove", access: .admin, page: page) { call, form in
            let group = try await group(call)
            let userId = try form.require("user", "the user")
            try await call.catalog.removeMember(groupId: group.id, userId: userId, by: call.actor)
            return .redirect("/admin/groups", message: "Removed from \(group.name).")
        }
    }

    static func group(_ call: PortalCall) async throws -> Group {
        guard let group = try await call.catalog.group(id: try call.parameter("group")) else { throw Problem.notFound("There is no such group.") }
        return group
    }
}
