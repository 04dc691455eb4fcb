import Catalog
import Foundation
import Hummingbird
import Store

extension CaseRoutes {
    /// Listing cases, one case, its history, and downloading a version.
    static func addReading(to api: APIRouter, _ store: CaseStore) {
        let catalog = api.services.catalog
        let executor = api.services.executor

        api.add(APIRoute(.get, "/cases", id: "listCases", tag: "cases", access: .user,
                         summary: "Your cases and those shared with you, most recently saved first.",
                         parameters: [APIParameter("app", in: .query, .objectName, "Only cases of this app.")] + APIParameter.paging,
                         responses: [200: .json(.ref("CasePage"))]), fromSessions: true) { request, context in
            let (limit, offset) = try request.paging()
            let identity = try context.requireIdentity()
            let me = identity.user
            let app = request.query("app")
            let all = try await TokenReach.cases(try await catalog.casesVisible(to: me.id, app: app), identity, catalog)
            var items: [APICase] = []
            for record in all.dropFirst(offset).prefix(limit + 1) {
                var access = CaseAccess.owner
                if record.ownerId != me.id { access = try await catalog.caseAccess(caseId: record.id, userId: me.id) ?? .read }
                items.append(APICase(record, access: access))
            }
            return try Response.json(Page(fetched: items, limit: limit, offset: offset))
        }

        api.add(APIRoute(.get, "/cases/{case}", id: "getCase", tag: "cases", access: .user,
                         summary: "A case you own or that is shared with you; ETag is its head digest.",
                         responses: [200: .json(.ref("Case"))]), fromSessions: true) { _, context in
            let (record, access) = try await visibleCase(context, for: .read, catalog)
            return tagged(try Response.json(APICase(record, access: access)), record)
        }

        api.add(APIRoute(.get, "/cases/{case}/versions", id: "listCaseVersions", tag: "cases", access: .user,
                         summary: "A case's history, newest first.",
                         responses: [200: .json(.arrayOf(.ref("CaseVersion")))]), fromSessions: true) { _, context in
            let (record, _) = try await visibleCase(context, for: .history, catalog)
            let history = try await catalog.caseHistory(caseId: record.id)
            let manifest = try await manifest(record, store, executor)
            return try Response.json(history.map { entry in
                APICaseVersion(entry, content: try? manifest.version(Int(entry.number)))
            })
        }

        api.add(APIRoute(.get, "/cases/{case}/versions/{number}/content", id: "downloadCaseVersion", tag: "cases", access: .user,
                         summary: "The data of one version, streamed; X-Content-SHA256 is its SHA-256.",
                         parameters: [APIParameter("number", in: .path, .integer(1...Int64(Int32.max)), "The version number.")],
                         responses: [200: .octetStream]), fromSessions: true) { _, context in
            let text = try context.parameters.require("number")
            guard let number = Int(text) else { throw Problem.notFound("The case has no version '\(text.prefix(20))'.") }
            let holder = try await TransferPolicy.admit(try context.requireIdentity(), catalog, executor)
            let (record, _) = try await visibleCase(context, for: .content(version: Int64(number)), catalog)
            let manifest = try await manifest(record, store, executor)
            guard let version = try? manifest.version(number) else {
                throw Problem.notFound("The case has no version '\(text.prefix(20))'.")
            }
            let head = record.headDigest
            var headers: HTTPFields = [.contentType: "application/octet-stream", .cacheControl: "no-store"]
            headers[StreamingUpload.digestHeader] = version.contentSHA256.hex
            headers[.contentDisposition] = "attachment; filename=\"case-v\(number).bin\""
            // Restore checks the content's SHA-256 at the end; a mismatch aborts the response.
            // The slot (of the caller's share) is taken now: 429 or 503 before any header goes out.
            let body = try StreamingDownload.body(contentLength: Int(version.size), executor: executor, holder: holder) { sink in
                try store.restore(manifest: head, version: number, to: sink)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}
