import Catalog
import Foundation
import Hummingbird

/// Who may read, launch and publish an app: its publishers list, grant (or deny) and revoke.
/// Rights come from the user and their groups; a deny anywhere wins.
enum AppRightsRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        api.schema("Subject", APISubject.schema)
        api.schema("RightGrant", APIRightGrant.schema)
        let app = AppRoutes.appParameter

        api.add(APIRoute(.get, "/apps/{app}/rights", id: "listAppRights", tag: "rights", access: .publisher,
                         summary: "Every grant on the app.", parameters: [app],
                         responses: [200: .json(.arrayOf(.ref("RightGrant")))])) { _, context in
            let record = try await AppAccess.publishable(try context.parameters.require("app"), try context.requireIdentity(), catalog)
            return try Response.json(try await catalog.grants(app: record.name).map(APIRightGrant.init))
        }

        api.add(APIRoute(.put, "/apps/{app}/rights", id: "grantAppRight", tag: "rights", access: .publisher,
                         summary: "Allow (default) or deny a right to a user or group; replaces an earlier grant of that right.",
                         parameters: [app], body: .json(.ref("RightGrant")),
                         responses: [200: .json(.arrayOf(.ref("RightGrant")))])) { request, context in
            let me = try context.requireIdentity()
            let record = try await AppAccess.publishable(try context.parameters.require("app"), me, catalog)
            let body = try await request.decodeJSON(APIRightGrant.self, context: context)
            let subject = try await resolve(kind: body.subject.kind, id: body.subject.id, catalog)
            let right = try parseRight(body.right)
            guard let effect = Effect(rawValue: body.effect ?? "allow") else {
                throw Problem.badRequest("'effect' must be allow or deny.")
            }
            try await catalog.grant(app: record.name, subject: subject, right: right, effect: effect, by: .user(me.user.id))
            return try Response.json(try await catalog.grants(app: record.name).map(APIRightGrant.init))
        }

        api.add(APIRoute(.delete, "/apps/{app}/rights", id: "revokeAppRight", tag: "rights", access: .publisher,
                         summary: "Remove the grant (allow or deny) of a right to a user or group.",
                         parameters: [
                            app, APIParameter("kind", in: .query, required: true, .oneOf(["user", "group"]), "user or group."),
                            APIParameter("id", in: .query, required: true, .key, "The user's or group's id (or name)."),
                            APIParameter("right", in: .query, required: true, .oneOf(["read", "launch", "publish"]), "read, launch or publish."),
                         ], responses: [204: nil])) { request, context in
            let me = try context.requireIdentity()
            let record = try await AppAccess.publishable(try context.parameters.require("app"), me, catalog)
            let subject = try await resolve(kind: request.query("kind") ?? "", id: request.query("id") ?? "", catalog)
            try await catalog.revoke(app: record.name, subject: subject, right: try parseRight(request.query("right") ?? ""),
                                     by: .user(me.user.id))
            return Response.noContent
        }
    }

    /// The subject named by kind and id (an id, or for convenience a name); 400 for another
    /// kind, 404 when no such user or group exists.
    static func resolve(kind: String, id: String, _ catalog: Catalog) async throws -> Subject {
        switch kind {
        case "user":
            if let user = try await catalog.user(id: id) { return .user(user.id) }
            if CatalogName.isValidAccountName(id), let user = try await catalog.user(named: id) { return .user(user.id) }
            throw Problem.notFound("No user '\(id.prefix(64))'.")
        case "group":
            if let group = try await catalog.group(id: id) { return .group(group.id) }
            if CatalogName.isValidAccountName(id), let group = try await catalog.group(named: id) { return .group(group.id) }
            throw Problem.notFound("No group '\(id.prefix(64))'.")
        default:
            throw Problem.badRequest("'kind' must be user or group.")
        }
    }

    static func parseRight(_ text: String) throws -> Right {
        guard let right = Right(rawValue: text) else { throw Problem.badRequest("'right' must be read, launch or publish.") }
        return right
    }
}
