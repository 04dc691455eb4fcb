import Catalog
import Foundation
import Hummingbird
import Store

extension CaseRoutes {
    /// `POST /cases` (a new case with version 1) and `POST /cases/{case}/versions`.
    static func addSaving(to api: APIRouter, _ store: CaseStore) {
        let catalog = api.services.catalog
        let executor = api.services.executor
        let serverLimit = api.services.configuration.maxUploadBytes
        let runtimes = api.services.sessions.runtimes
        let uploadParameters = [
            APIParameter(StreamingUpload.digestHeader.rawName, in: .header, .sha256Hex,
                         "SHA-256 of the body; the save fails with 422 and keeps nothing when the body differs."),
        ]

        api.add(APIRoute(.post, "/cases", id: "createCase", tag: "cases", access: .user,
                         summary: "Save new case data for an app you may read, as version 1.",
                         parameters: [
                             APIParameter("app", in: .query, required: true, .objectName, "The app the case belongs to."),
                             APIParameter("name", in: .query, required: true, .label, "The case's name, unique among your cases of the app."),
                         ] + uploadParameters,
                         body: .octetStream, responses: [201: .json(.ref("Case"))]), fromSessions: true) { request, context in
            try StreamingUpload.requireOctetStream(request)
            let identity = try context.requireIdentity()
            let me = identity.user
            // A data session's token reaches the case it creates; a job's token creates none.
            let binding = try TokenReach.creatorBinding(identity)
            guard let app = request.query("app"), let name = request.query("name") else {
                throw Problem.badRequest("'app' and 'name' are required.")
            }
            let holder = try await TransferPolicy.admit(identity, catalog, executor)
            // Admins have every right; others need read. An app they may not read does not exist for them.
            let rights: Set<Right>
            do { rights = try await catalog.effectiveRights(userId: me.id, app: app) } catch CatalogError.notFound {
                throw Problem.notFound("No app '\(app)'.")
            }
            guard rights.contains(.read) else { throw Problem.notFound("No app '\(app)'.") }
            let existing = try await catalog.casesVisible(to: me.id, app: app)
            if existing.contains(where: { $0.ownerId == me.id && $0.name == name }) {
                throw Problem.conflict("You already have a case named '\(name)' for app '\(app)'.")
            }
            let limit = try await QuotaPolicy.uploadLimit(request, userId: me.id, serverLimit: serverLimit, catalog)
            try await QuotaPolicy.requireStorageRoom(request, ownerId: me.id, catalog)
            let format = await runtimes.caseFormat(app: app)
            let saved = try await save(request, limit: limit, executor: executor, holder: holder, store,
                                       app: app, format: format) { source in
                try store.save(from: source, name: name, app: app)
            }
            let record = try await catalog.createCase(app: app, ownerId: me.id, name: name, head: saved.manifestDigest,
                                                      number: Int64(saved.version.number), size: saved.version.size,
                                                      by: .user(me.id), boundTo: binding)
            return tagged(try Response.json(APICase(record, access: .owner), status: .created), record)
        }

        api.add(APIRoute(.post, "/cases/{case}/versions", id: "saveCaseVersion", tag: "cases", access: .user,
                         summary: "Save a new version of a case you own or may write; If-Match guards against overwriting someone's save.",
                         parameters: [
                             APIParameter("If-Match", in: .header, .text(maxLength: 200), #"The head digest you last saw, quoted: "<headDigest>"; 412 when the case moved on."#),
                         ] + uploadParameters,
                         body: .octetStream, responses: [201: .json(.ref("Case"))]), fromSessions: true) { request, context in
            try StreamingUpload.requireOctetStream(request)
            let identity = try context.requireIdentity()
            let me = identity.user
            let holder = try await TransferPolicy.admit(identity, catalog, executor)
            let (record, access) = try await visibleCase(context, for: .write, catalog)
            guard access.maySave else { throw Problem.forbidden("The case is shared with you for reading only.") }
            let expected = expectedHead(request)
            if let expected, expected != record.headDigest.hex {
                throw Problem(status: .preconditionFailed, detail: "The case was saved since (head is version \(record.headNumber)); reload and retry.")
            }
            let limit = try await QuotaPolicy.uploadLimit(request, userId: me.id, serverLimit: serverLimit, catalog)
            try await QuotaPolicy.requireStorageRoom(request, ownerId: record.ownerId, catalog)
            let format = await runtimes.caseFormat(app: record.app)
            let saved = try await save(request, limit: limit, executor: executor, holder: holder, store,
                                       app: record.app, format: format) { source in
                try store.save(from: source, name: record.name, app: record.app, parent: record.headDigest)
            }
            let updated: CaseRecord
            do {
                updated = try await catalog.saveCaseVersion(caseId: record.id, expectedHead: record.headDigest,
                                                            newHead: saved.manifestDigest, number: Int64(saved.version.number),
                                                            size: saved.version.size, by: .user(me.id))
            } catch CatalogError.conflict(let what) where expected != nil {
                // Someone saved while this upload ran: with If-Match the caller asked for exactly this check.
                throw Problem(status: .preconditionFailed, detail: "The case was saved since: \(what).")
            }
            return tagged(try Response.json(APICase(updated, access: access), status: .created), updated)
        }
    }

    /// Streams the body into `body` (through a digest check when `X-Content-SHA256` is declared,
    /// and a check of the app runtime's `caseFormat` when it declares one). CaseStore.save reads a
    /// stream, so no temp copy of the upload is made here; the store spools what it needs into its
    /// own scratch directory. The upload counts against `holder`'s share of the transfer slots.
    static func save(_ request: Request, limit: Int64, executor: BlockingExecutor, holder: TransferPolicy.Holder, _ store: CaseStore, app: String,
                     format: String?, _ body: @escaping @Sendable (any ByteSource) throws -> CaseSaveResult) async throws -> CaseSaveResult {
        let declared = try StreamingUpload.declaredDigest(request)
        return try await StreamingUpload.consume(request, limit: limit, executor: executor, holder: holder) { source in
            var checked: any ByteSource = declared.map { DigestCheckingSource(source, expected: $0) } ?? source
            if format == "json" { checked = CaseFormatCheckingSource(checked, app: app) }
            let saved = try body(checked)
            // The caller records it in the catalog next: make sure the gc has left every blob.
            do { try store.prepareToRecord(saved) } catch CaseError.missingBlob {
                throw Problem(status: .serviceUnavailable,
                              detail: "The save took longer than the store's gc grace period and part of it was collected; nothing was recorded. Save again.")
            }
            return saved
        }
    }
}
