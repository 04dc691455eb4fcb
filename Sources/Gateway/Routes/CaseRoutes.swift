import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Cases: a user's saved data for an app, versioned, shareable. Bodies stream both ways (the
/// store compresses while the upload arrives; a download decodes while it is sent). Someone
/// without access gets 404 for everything about a case, so case ids do not leak; a read share
/// that tries to save gets 403.
enum CaseRoutes {
    static func add(to api: APIRouter) {
        let store = api.services.cases
        api.schema("Case", APICase.schema)
        api.schema("CasePage", Page<APICase>.schema(.ref("Case")))
        api.schema("CaseVersion", APICaseVersion.schema)
        api.schema("CaseShareSubject", CaseShareSubject.schema)
        api.schema("CaseShare", APICaseShare.schema)
        addSaving(to: api, store)
        addReading(to: api, store)
        addSharing(to: api)
    }

    static let ifMatch = HTTPField.Name("If-Match")!

    /// The case named in the path and the caller's access to it, for `use` (``CaseVisibility``).
    static func visibleCase(_ context: AtriumRequestContext, for use: TokenReach.CaseUse,
                            _ catalog: Catalog) async throws -> (CaseRecord, CaseAccess) {
        try await CaseVisibility.visible(try context.parameters.require("case"), try context.requireIdentity(), for: use, catalog)
    }

    /// The case's head manifest (a small blob read on the executor's files lane).
    static func manifest(_ record: CaseRecord, _ store: CaseStore, _ executor: BlockingExecutor) async throws -> CaseManifest {
        try await executor.run(.files) { try store.manifest(record.headDigest) }
    }

    /// `ETag: "<head digest>"` for a case response.
    static func tagged(_ response: Response, _ record: CaseRecord) -> Response {
        var response = response
        response.headers[.eTag] = "\"\(record.headDigest.hex)\""
        return response
    }

    /// The head digest `If-Match` names (quotes and `W/` stripped); nil when absent or `*`.
    static func expectedHead(_ request: Request) -> String? {
        guard var text = request.headers[ifMatch]?.trimmingCharacters(in: .whitespaces), text != "*" else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
    }
}
