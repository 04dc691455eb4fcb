import Catalog
import Foundation
import Hummingbird

/// The network of runtime packages: a package's signed manifest may declare that it needs the
/// network (docs/runtime.md, `network`); only an admin sees that and allows or withdraws it, per
/// package (name@version). Each change is audited; it holds from the next session or solve on.
enum PackageNetworkRoutes {
    static func add(to api: APIRouter) {
        let services = api.services
        api.schema("PackageNetwork", APIPackageNetwork.schema)
        let nameAndVersion = [
            APIParameter("name", in: .path, .objectName, "The package name."), APIParameter("version", in: .path, .objectName, "The package version."),
        ]

        api.add(APIRoute(.get, "/packages/{name}/{version}/network", id: "getPackageNetwork", tag: "packages", access: .admin,
                         summary: "Whether a package's manifest declares it needs the network, and whether an admin allowed it.",
                         parameters: nameAndVersion, responses: [200: .json(.ref("PackageNetwork"))])) { _, context in
            let (name, version) = try PackageRoutes.pathNameAndVersion(context)
            return try Response.json(try await APIPackageNetwork.load(name: name, version: version, services))
        }

        api.add(APIRoute(.put, "/packages/{name}/{version}/network", id: "setPackageNetwork", tag: "packages", access: .admin,
                         summary: "Allow (allowed=true) or withdraw the network for a package; its runtimes get it only when its manifest also declares the need. Holds from the next session or solve.",
                         parameters: nameAndVersion, body: .json(PackageNetworkChange.schema),
                         responses: [200: .json(.ref("PackageNetwork"))])) { request, context in
            let (name, version) = try PackageRoutes.pathNameAndVersion(context)
            let body = try await request.decodeJSON(PackageNetworkChange.self, context: context)
            let admin = try context.requireIdentity().user
            let shown = try await PackageNetworkPolicy.set(name: name, version: version, allowed: body.allowed, by: admin, services)
            context.logger.notice("package network \(body.allowed ? "allowed" : "withdrawn")", metadata: ["package": "\(name)@\(version)"])
            return try Response.json(shown)
        }
    }
}
