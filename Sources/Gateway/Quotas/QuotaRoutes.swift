import Catalog
import Foundation
import Hummingbird

/// Quotas: admins read, set and clear the limits of a user or a group; everyone reads their own
/// use against their limits. The rules are ``QuotaPolicy``'s (the portal's too).
enum QuotaRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        let services = api.services
        api.schema("QuotaUsage", APIQuotaUsage.schema)
        api.schema("QuotaSetting", APIQuotaSetting.schema)
        let kind = [APIParameter("quota", in: .path, .oneOf(QuotaKind.allCases.map(\.rawValue)), "The quota.")]
        let user = [APIParameter("user", in: .path, .key, "The user's id or name.")]
        let group = [APIParameter("group", in: .path, .key, "The group's id or name.")]

        api.add(APIRoute(.get, "/me/quotas", id: "getOwnQuotas", tag: "session", access: .user,
                         summary: "Your use against each of your limits, and where each limit comes from.",
                         responses: [200: .json(.arrayOf(.ref("QuotaUsage")))])) { _, context in
            let me = try context.requireIdentity().user
            return try Response.json(try await usageJSON(try await QuotaPolicy.usage(of: me, for: me, services), catalog))
        }

        api.add(APIRoute(.get, "/users/{user}/quotas", id: "getUserQuotas", tag: "quotas", access: .admin,
                         summary: "A user's use against each of their limits, and where each limit comes from.", parameters: user,
                         responses: [200: .json(.arrayOf(.ref("QuotaUsage")))])) { _, context in
            let target = try await UserRoutes.lookUp(try context.parameters.require("user"), catalog)
            let usage = try await QuotaPolicy.usage(of: target, for: try context.requireIdentity().user, services)
            return try Response.json(try await usageJSON(usage, catalog))
        }

        api.add(APIRoute(.put, "/users/{user}/quotas/{quota}", id: "setUserQuota", tag: "quotas", access: .admin,
                         summary: "Set a user's limit of one kind; it overrides their groups' and the server's default.",
                         parameters: user + kind, body: .json(QuotaChange.schema), responses: [204: nil])) { request, context in
            let body = try await request.decodeJSON(QuotaChange.self, context: context)
            let target = try await UserRoutes.lookUp(try context.parameters.require("user"), catalog)
            try await QuotaPolicy.set(.user(target.id), try QuotaPolicy.kind(try context.parameters.require("quota")),
                                      limit: try body.value(), by: try context.requireIdentity().user, catalog)
            return Response.noContent
        }

        api.add(APIRoute(.delete, "/users/{user}/quotas/{quota}", id: "clearUserQuota", tag: "quotas", access: .admin,
                         summary: "Remove a user's own limit of one kind: their groups' or the default applies again.",
                         parameters: user + kind, responses: [204: nil])) { _, context in
            let target = try await UserRoutes.lookUp(try context.parameters.require("user"), catalog)
            try await QuotaPolicy.clear(.user(target.id), try QuotaPolicy.kind(try context.parameters.require("quota")),
                                        by: try context.requireIdentity().user, catalog)
            return Response.noContent
        }

        api.add(APIRoute(.get, "/groups/{group}/quotas", id: "getGroupQuotas", tag: "quotas", access: .admin,
                         summary: "The limits set for a group (a member gets the most generous of their groups' unless they have their own).",
                         parameters: group, responses: [200: .json(.arrayOf(.ref("QuotaSetting")))])) { _, context in
            let target = try await GroupRoutes.lookUp(try context.parameters.require("group"), catalog)
            let settings = try await QuotaPolicy.settings(of: .group(target.id), for: try context.requireIdentity().user, catalog)
            return try Response.json(settings.map(APIQuotaSetting.init))
        }

        api.add(APIRoute(.put, "/groups/{group}/quotas/{quota}", id: "setGroupQuota", tag: "quotas", access: .admin,
                         summary: "Set a group's limit of one kind for its members.",
                         parameters: group + kind, body: .json(QuotaChange.schema), responses: [204: nil])) { request, context in
            let body = try await request.decodeJSON(QuotaChange.self, context: context)
            let target = try await GroupRoutes.lookUp(try context.parameters.require("group"), catalog)
            try await QuotaPolicy.set(.group(target.id), try QuotaPolicy.kind(try context.parameters.require("quota")),
                                      limit: try body.value(), by: try context.requireIdentity().user, catalog)
            return Response.noContent
        }

        api.add(APIRoute(.delete, "/groups/{group}/quotas/{quota}", id: "clearGroupQuota", tag: "quotas", access: .admin,
                         summary: "Remove a group's limit of one kind.", parameters: group + kind, responses: [204: nil])) { _, context in
            let target = try await GroupRoutes.lookUp(try context.parameters.require("group"), catalog)
            try await QuotaPolicy.clear(.group(target.id), try QuotaPolicy.kind(try context.parameters.require("quota")),
                                        by: try context.requireIdentity().user, catalog)
            return Response.noContent
        }
    }

    /// The usage as the API shows it, groups by name.
    static func usageJSON(_ usage: [QuotaUsage], _ catalog: Catalog) async throws -> [APIQuotaUsage] {
        var names: [String: String] = [:]
        for item in usage {
            if case .group(let id) = item.limit.source, names[id] == nil { names[id] = try await catalog.group(id: id)?.name }
        }
        return usage.map { APIQuotaUsage($0, groupNames: names) }
    }
}
