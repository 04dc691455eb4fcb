import Catalog
import Foundation
import Hummingbird

/// Groups and their members, for admins. Rights and case shares granted to a group reach its members.
enum GroupRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        api.schema("Group", APIGroup.schema)
        api.schema("GroupPage", Page<APIGroup>.schema(.ref("Group")))
        let member = [APIParameter("user", in: .path, .key, "The user's id or name.")]

        api.add(APIRoute(.get, "/groups", id: "listGroups", tag: "groups", access: .admin, summary: "List groups by name.",
                         parameters: APIParameter.paging, responses: [200: .json(.ref("GroupPage"))])) { request, _ in
            let (limit, offset) = try request.paging()
            let groups = try await catalog.listGroups(PageRequest(limit: limit + 1, offset: offset))
            return try Response.json(Page(fetched: groups.map(APIGroup.init), limit: limit, offset: offset))
        }

        api.add(APIRoute(.post, "/groups", id: "createGroup", tag: "groups", access: .admin, summary: "Create a group.",
                         body: .json(GroupCreate.schema), responses: [201: .json(.ref("Group"))])) { request, context in
            let body = try await request.decodeJSON(GroupCreate.self, context: context)
            let group = try await catalog.createGroup(name: body.name, by: .user(try context.requireIdentity().user.id))
            return try Response.json(APIGroup(group), status: .created)
        }

        api.add(APIRoute(.delete, "/groups/{group}", id: "deleteGroup", tag: "groups", access: .admin,
                         summary: "Delete a group with its memberships, rights and case shares.", responses: [204: nil])) { _, context in
            let group = try await lookUp(try context.parameters.require("group"), catalog)
            try await catalog.deleteGroup(id: group.id, by: .user(try context.requireIdentity().user.id))
            return Response.noContent
        }

        api.add(APIRoute(.get, "/groups/{group}/members", id: "listGroupMembers", tag: "groups", access: .admin,
                         summary: "A group's members by name.", responses: [200: .json(.arrayOf(.ref("User")))])) { _, context in
            let group = try await lookUp(try context.parameters.require("group"), catalog)
            return try Response.json(try await catalog.members(groupId: group.id).map(APIUser.init))
        }

        api.add(APIRoute(.put, "/groups/{group}/members/{user}", id: "addGroupMember", tag: "groups", access: .admin,
                         summary: "Add a user to a group (again: no change).", parameters: member, responses: [204: nil])) { _, context in
            let group = try await lookUp(try context.parameters.require("group"), catalog)
            let user = try await UserRoutes.lookUp(try context.parameters.require("user"), catalog)
            try await catalog.addMember(groupId: group.id, userId: user.id, by: .user(try context.requireIdentity().user.id))
            return Response.noContent
        }

        api.add(APIRoute(.delete, "/groups/{group}/members/{user}", id: "removeGroupMember", tag: "groups", access: .admin,
                         summary: "Remove a user from a group (a non-member: no change).", parameters: member,
                         responses: [204: nil])) { _, context in
            let group = try await lookUp(try context.parameters.require("group"), catalog)
            let user = try await UserRoutes.lookUp(try context.parameters.require("user"), catalog)
            try await catalog.removeMember(groupId: group.id, userId: user.id, by: .user(try context.requireIdentity().user.id))
            return Response.noContent
        }
    }

    /// A group by id or by name; 404 when neither matches.
    static func lookUp(_ key: String, _ catalog: Catalog) async throws -> Group {
        if key.utf8.count <= 64, let group = try await catalog.group(id: key) { return group }
        if CatalogName.isValidAccountName(key), let group = try await catalog.group(named: key) { return group }
        throw Problem.notFound("No group '\(key.prefix(64))'.")
    }
}

/// The body of `POST /api/v1/groups`.
struct GroupCreate: Decodable {
    let name: String

    static let schema: JSONValue = .objectSchema(["name": APIValueRule.accountName.schema])
}
