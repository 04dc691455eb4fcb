import Catalog
import Foundation
import Hummingbird
import Store

/// Runtime packages: publishers upload signed package files, which are verified against the
/// catalog's trusted keys before anything is stored and registered write-once as name@version;
/// everyone lists them; admins delete those no app version runs on.
enum PackageRoutes {
    static func add(to api: APIRouter) {
        let services = api.services
        let catalog = services.catalog
        api.schema("Package", APIPackage.schema)
        api.schema("PackagePage", Page<APIPackage>.schema(.ref("Package")))
        let nameAndVersion = [
            APIParameter("name", in: .path, .objectName, "The package name."), APIParameter("version", in: .path, .objectName, "The package version."),
        ]

        api.add(APIRoute(.post, "/packages", id: "uploadPackage", tag: "packages", access: .publisher,
                         summary: "Upload a signed package file; verified before anything is stored. 201 new, 200 the same package again.",
                         parameters: [APIParameter(StreamingUpload.digestHeader.rawName, in: .header, .sha256Hex,
                                                   "SHA-256 (hex) of the whole body; checked when sent.")],
                         body: .octetStream, responses: [201: .json(.ref("Package")), 200: .json(.ref("Package"))])) { request, context in
            let actor = try context.requireIdentity().user
            try StreamingUpload.requireOctetStream(request)
            let declared = try StreamingUpload.declaredDigest(request)
            let trust = try await catalog.trustStore()
            let blobs = services.blobs
            let stored = try await StreamingUpload.consume(request, limit: services.configuration.maxUploadBytes, executor: services.executor,
                                                         holder: try await TransferPolicy.holder(try context.requireIdentity(), catalog)) { body in
                // The whole body is hashed a second time only when the client declared its digest.
                guard let declared else { return try PackageIntake.verifyAndStore(packageFile: body, blobs: blobs, trust: trust) }
                let source = DigestingSource(body)
                let stored = try PackageIntake.verifyAndStore(packageFile: source, blobs: blobs, trust: trust)
                let actual = try source.finish()
                if declared != actual {
                    throw Problem.unprocessable("The body's SHA-256 is \(actual.hex), not the declared \(declared.hex); nothing was registered.")
                }
                return stored
            }
            let statement = stored.statement
            let created = try await catalog.registerPackage(
                name: statement.name, version: statement.version, platform: statement.platform,
                envelopeDigest: stored.envelopeDigest, archiveDigest: stored.archiveDigest, size: statement.size,
                by: .user(actor.id))
            guard let record = try await catalog.package(name: statement.name, version: statement.version) else {
                throw Problem.notFound("package \(statement.name)@\(statement.version) vanished")
            }
            context.logger.info("package uploaded", metadata: [
                "package": "\(statement.name)@\(statement.version)", "key": "\(stored.keyId)", "new": "\(created)",
            ])
            return try Response.json(APIPackage(record), status: created ? .created : .ok)
        }

        api.add(APIRoute(.get, "/packages", id: "listPackages", tag: "packages", access: .user,
                         summary: "List registered packages by name and version.",
                         parameters: APIParameter.paging, responses: [200: .json(.ref("PackagePage"))])) { request, _ in
            let (limit, offset) = try request.paging()
            let packages = try await catalog.listPackages(PageRequest(limit: limit + 1, offset: offset))
            return try Response.json(Page(fetched: packages.map(APIPackage.init), limit: limit, offset: offset))
        }

        api.add(APIRoute(.get, "/packages/{name}/{version}", id: "getPackage", tag: "packages", access: .user,
                         summary: "A registered package.", parameters: nameAndVersion,
                         responses: [200: .json(.ref("Package"))])) { _, context in
            let (name, version) = try pathNameAndVersion(context)
            guard let record = try await catalog.package(name: name, version: version) else { throw notFound(name, version) }
            return try Response.json(APIPackage(record))
        }

        api.add(APIRoute(.delete, "/packages/{name}/{version}", id: "deletePackage", tag: "packages", access: .admin,
                         summary: "Unregister a package; 409 while an app version runs on it.", parameters: nameAndVersion,
                         responses: [204: nil])) { _, context in
            let (name, version) = try pathNameAndVersion(context)
            guard try await catalog.package(name: name, version: version) != nil else { throw notFound(name, version) }
            try await catalog.deletePackage(name: name, version: version, by: .user(try context.requireIdentity().user.id))
            return Response.noContent
        }
    }

    /// The `{name}` and `{version}` path parameters; 404 when either breaks the naming rule (no
    /// such package can exist).
    static func pathNameAndVersion(_ context: AtriumRequestContext) throws -> (String, String) {
        let name = try context.parameters.require("name"), version = try context.parameters.require("version")
        guard CatalogName.isValidObjectName(name), CatalogName.isValidObjectName(version) else { throw notFound(name, version) }
        return (name, version)
    }

    static func notFound(_ name: String, _ version: String) -> Problem {
        Problem.notFound("No package '\(name.prefix(128))@\(version.prefix(128))'.")
    }
}
