import Catalog
import Foundation
import Hummingbird
import Store

/// App versions: upload a sealed version (accepted only when it opens completely with the
/// platform keyring and names this app and version), list, set `latest`, hide, roll back.
enum AppVersionRoutes {
    static func add(to api: APIRouter) {
        let services = api.services
        let catalog = services.catalog
        api.schema("AppVersion", APIAppVersion.schema)
        api.schema("AppVersionPage", Page<APIAppVersion>.schema(.ref("AppVersion")))
        let app = AppRoutes.appParameter

        api.add(APIRoute(.get, "/apps/{app}/versions", id: "listAppVersions", tag: "apps", access: .user,
                         summary: "An app's versions, newest first; hidden ones only for who may publish it.",
                         parameters: [app] + APIParameter.paging, responses: [200: .json(.ref("AppVersionPage"))])) { request, context in
            let (limit, offset) = try request.paging()
            let (record, rights) = try await AppAccess.readable(try context.parameters.require("app"), try context.requireIdentity(), catalog)
            let versions = try await catalog.listVersions(app: record.name, includeHidden: rights.contains(.publish))
            let fetched = versions.dropFirst(offset).prefix(limit + 1).map(APIAppVersion.init)
            return try Response.json(Page(fetched: fetched, limit: limit, offset: offset))
        }

        api.add(APIRoute(.post, "/apps/{app}/versions", id: "uploadAppVersion", tag: "apps", access: .publisher,
                         summary: "Upload a version sealed to the platform app key; it becomes latest unless latest=false.",
                         parameters: [
                            app,
                            APIParameter("version", in: .query, required: true, .objectName, "The version; must equal the sealed header's."),
                            APIParameter("runtime", in: .query, required: true, .packageReference, "The registered runtime package, name@version."),
                            APIParameter("latest", in: .query, .boolean, "Make it latest (default true)."),
                            APIParameter(StreamingUpload.digestHeader.rawName, in: .header, .sha256Hex, "SHA-256 (hex) of the body; checked when sent."),
                         ],
                         body: .octetStream, responses: [201: .json(.ref("AppVersion"))])) { request, context in
            let me = try context.requireIdentity()
            let record = try await AppAccess.publishable(try context.parameters.require("app"), me, catalog)
            let upload = try VersionUpload(request)
            guard try await catalog.package(name: upload.runtimeName, version: upload.runtimeVersion) != nil else {
                throw Problem.unprocessable("The runtime package \(upload.runtimeName)@\(upload.runtimeVersion) is not registered.")
            }
            if try await catalog.version(app: record.name, version: upload.version) != nil {
                throw Problem.conflict("App '\(record.name)' already has version '\(upload.version)'.")
            }
            try StreamingUpload.requireOctetStream(request)
            let declared = try StreamingUpload.declaredDigest(request)
            let blobs = services.blobs
            let info = try await StreamingUpload.consume(request, limit: services.configuration.maxUploadBytes, executor: services.executor,
                                                         holder: try await TransferPolicy.holder(try context.requireIdentity(), catalog)) { body in
                try blobs.put(from: body, expected: declared)
            }
            // The blob may stay behind unreferenced when refused here; the store's gc collects it.
            _ = try await SealedAppCheck.verify(info.digest, blobs: blobs, keyring: services.appKeys.keyring,
                                                app: record.name, version: upload.version, executor: services.executor)
            let version = try await catalog.addVersion(
                app: record.name, version: upload.version, sealedDigest: info.digest, runtimeName: upload.runtimeName,
                runtimeVersion: upload.runtimeVersion, makeLatest: upload.makeLatest, by: .user(me.user.id))
            context.logger.info("app version uploaded", metadata: ["app": "\(record.name)", "version": "\(upload.version)"])
            return try Response.json(APIAppVersion(version), status: .created)
        }

        api.add(APIRoute(.put, "/apps/{app}/latest", id: "setLatestAppVersion", tag: "apps", access: .publisher,
                         summary: "Make a visible version the one launched by default.", parameters: [app],
                         body: .json(LatestChange.schema), responses: [200: .json(.ref("App"))])) { request, context in
            let me = try context.requireIdentity()
            let record = try await AppAccess.publishable(try context.parameters.require("app"), me, catalog)
            let body = try await request.decodeJSON(LatestChange.self, context: context)
            try await catalog.setLatest(app: record.name, version: try checkedVersion(body.version, of: record, catalog),
                                        by: .user(me.user.id))
            return try Response.json(APIApp(try await reload(record, catalog)))
        }

        api.add(APIRoute(.patch, "/apps/{app}/versions/{version}", id: "updateAppVersion", tag: "apps", access: .publisher,
                         summary: "Hide or unhide a version (the latest cannot be hidden).",
                         parameters: [app, APIParameter("version", in: .path, .objectName, "The version.")],
                         body: .json(VersionChange.schema), responses: [200: .json(.ref("AppVersion"))])) { request, context in
            let me = try context.requireIdentity()
            let record = try await AppAccess.publishable(try context.parameters.require("app"), me, catalog)
            let version = try checkedVersion(try context.parameters.require("version"), of: record, catalog)
            let body = try await request.decodeJSON(VersionChange.self, context: context)
            try await catalog.setHidden(app: record.name, version: version, body.hidden, by: .user(me.user.id))
            guard let updated = try await catalog.version(app: record.name, version: version) else {
                throw versionNotFound(version, record)
            }
            return try Response.json(APIAppVersion(updated))
        }

        api.add(APIRoute(.post, "/apps/{app}/rollback", id: "rollBackApp", tag: "apps", access: .publisher,
                         summary: "Make the visible version uploaded before the current latest the latest.",
                         parameters: [app], responses: [200: .json(.ref("App"))])) { _, context in
            let me = try context.requireIdentity()
            let record = try await AppAccess.publishable(try context.parameters.require("app"), me, catalog)
            _ = try await AppRollback.perform(app: record.name, by: .user(me.user.id), catalog)
            return try Response.json(APIApp(try await reload(record, catalog)))
        }
    }

    /// `version` when it is a name a version can have; 404 otherwise (the catalog answers 404
    /// for a well-formed version the app lacks).
    static func checkedVersion(_ version: String, of app: App, _ catalog: Catalog) throws -> String {
        guard CatalogName.isValidObjectName(version) else { throw versionNotFound(version, app) }
        return version
    }

    static func versionNotFound(_ version: String, _ app: App) -> Problem {
        Problem.notFound("App '\(app.name)' has no version '\(version.prefix(128))'.")
    }

    static func reload(_ app: App, _ catalog: Catalog) async throws -> App {
        guard let fresh = try await catalog.app(named: app.name) else { throw AppAccess.notFound(app.name) }
        return fresh
    }
}

/// The body of `PUT /apps/{app}/latest`.
struct LatestChange: Decodable, Sendable {
    let version: String

    static let schema: JSONValue = .objectSchema(["version": .stringSchema])
}

/// The body of `PATCH /apps/{app}/versions/{version}`.
struct VersionChange: Decodable, Sendable {
    let hidden: Bool

    static let schema: JSONValue = .objectSchema(["hidden": .booleanSchema])
}

/// The query of `POST /apps/{app}/versions`: `version=V&runtime=NAME@VERSION[&latest=false]`,
/// read after the router checked it against the route's parameters.
struct VersionUpload: Sendable {
    let version: String
    let runtimeName: String
    let runtimeVersion: String
    let makeLatest: Bool

    init(_ request: Request) throws {
        let runtime = (request.query("runtime") ?? "").split(separator: "@", maxSplits: 1).map(String.init)
        guard let version = request.query("version"), runtime.count == 2 else {
            throw Problem.badRequest("'version' and 'runtime' are required.")
        }
        self.version = version
        self.runtimeName = runtime[0]
        self.runtimeVersion = runtime[1]
        self.makeLatest = request.flag("latest", default: true)
    }
}
