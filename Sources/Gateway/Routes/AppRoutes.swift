import Catalog
import Foundation
import Hummingbird
import Store

/// Apps and the platform app key: everyone lists the apps they may read; publishers create apps
/// (and get the read and publish rights on what they create) and seal versions to the key.
enum AppRoutes {
    static func add(to api: APIRouter) {
        let services = api.services
        let catalog = services.catalog
        let appListCache = services.appListCache
        api.schema("App", APIApp.schema)
        api.schema("AppPage", Page<APIApp>.schema(.ref("App")))
        api.schema("AppKey", APIAppKey.schema)

        api.add(APIRoute(.get, "/app-key", id: "getAppKey", tag: "apps", access: .user,
                         summary: "The platform's current app public key (key file text): seal app versions to it.",
                         responses: [200: .json(.ref("AppKey"))])) { _, _ in
            try Response.json(try APIAppKey(services.appKeys.current))
        }

        api.add(APIRoute(.get, "/apps", id: "listApps", tag: "apps", access: .user,
                         summary: "The apps the caller may read (admins: all), by name.",
                         parameters: APIParameter.paging, responses: [200: .json(.ref("AppPage"))])) { request, context in
            let (limit, offset) = try request.paging()
            let userId = try context.requireIdentity().user.id
            // The encoded page is what is cached: encoding is most of the work once the rows are in memory.
            let body = try await appListCache.value("\(userId) \(limit) \(offset)") {
                let apps = try await catalog.listApps(visibleTo: userId)
                let fetched = apps.dropFirst(offset).prefix(limit + 1).map(APIApp.init)
                return ByteBuffer(bytes: try JSONEncoder.api.encode(Page(fetched: fetched, limit: limit, offset: offset)))
            }
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: body))
        }

        api.add(APIRoute(.post, "/apps", id: "createApp", tag: "apps", access: .publisher,
                         summary: "Create an app; its creator gets the read and publish rights on it.",
                         body: .json(AppCreate.schema), responses: [201: .json(.ref("App"))])) { request, context in
            let body = try await request.decodeJSON(AppCreate.self, context: context)
            let me = try context.requireIdentity().user
            let app = try await catalog.createApp(name: body.name, title: body.title, description: body.description ?? "",
                                                  by: .user(me.id))
            for right in [Right.read, .publish] {
                try await catalog.grant(app: app.name, subject: .user(me.id), right: right, by: .user(me.id))
            }
            return try Response.json(APIApp(app), status: .created)
        }

        api.add(APIRoute(.get, "/apps/{app}", id: "getApp", tag: "apps", access: .user,
                         summary: "An app the caller may read.", parameters: [appParameter],
                         responses: [200: .json(.ref("App"))])) { _, context in
            let (app, _) = try await AppAccess.readable(try context.parameters.require("app"), try context.requireIdentity(), catalog)
            return try Response.json(APIApp(app))
        }
    }

    static let appParameter = APIParameter("app", in: .path, .objectName, "The app name.")
}

/// The body of `POST /apps`.
struct AppCreate: Decodable, Sendable {
    let name: String
    let title: String
    /// What the app is for (the portal's catalogue shows it).
    let description: String?

    static let schema: JSONValue = .requestSchema([
        "name": APIValueRule.objectName.schema, "title": APIValueRule.label.schema,
        "description": APIValueRule.text(pattern: APIValueRule.noControlCharactersButLineBreaks, maxLength: 2000).schema,
    ], optional: ["description"])
}
