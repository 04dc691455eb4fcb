import Catalog
import Hummingbird

/// The query of `POST /apps/{app}/versions`: `version=V&runtime=NAME@VERSION[&latest=false]`.
struct VersionUpload: Sendable {
    let version: String
    let runtimeName: String
    let runtimeVersion: String
    let makeLatest: Bool

    /// Parses the query; 400 naming what is missing or malformed.
    init(_ request: Request) throws {
        guard let version = request.query("version"), CatalogName.isValidObjectName(version) else {
            throw Problem.badRequest("'version' is required and must match [a-z0-9][a-z0-9._+-]{0,127}.")
        }
        let parts = (request.query("runtime") ?? "").split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts.allSatisfy(CatalogName.isValidObjectName) else {
            throw Problem.badRequest("'runtime' is required as name@version of a registered package.")
        }
        switch request.query("latest") {
        case nil, "true": self.makeLatest = true
        case "false": self.makeLatest = false
        default: throw Problem.badRequest("'latest' must be true or false.")
        }
        self.version = version
        self.runtimeName = parts[0]
        self.runtimeVersion = parts[1]
    }
}
