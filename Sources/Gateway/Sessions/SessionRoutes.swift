import Catalog
import Foundation
import Hummingbird
import Sessions

/// Data sessions: launch an app, list, look at, stop, read the log. A session is its owner's;
/// admins see and stop everyone's.
enum SessionRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        let sessions = api.services.sessions.manager
        let sandbox = api.services.sessions.sandbox
        api.schema("DataSession", APIDataSession.schema)
        api.schema("DataSessionPage", Page<APIDataSession>.schema(.ref("DataSession")))

        api.add(APIRoute(.post, "/sessions", id: "launchSession", tag: "sessions", access: .user,
                         summary: "Launch an app you may launch into a data session; answers once it is ready (429 when no seat is free).",
                         body: .json(SessionLaunch.schema), responses: [201: .json(.ref("DataSession"))])) { request, context in
            let body = try await request.decodeJSON(SessionLaunch.self, context: context)
            let me = try context.requireIdentity().user
            try await LaunchPolicy.check(catalog, userId: me.id, app: body.app, version: body.version, caseId: body.case)
            try SandboxPolicy.requireRunnable(sandbox, "launch")
            let record = try await sessions.launch(userId: me.id, app: body.app, version: body.version, caseId: body.case)
            return try Response.json(APIDataSession(record), status: .created)
        }

        api.add(APIRoute(.get, "/sessions", id: "listSessions", tag: "sessions", access: .user,
                         summary: "Your data sessions, newest first (admins: everyone's with all=true); ended ones with ended=true.",
                         parameters: [APIParameter("all", in: .query, .boolean, "Admins: everyone's sessions."),
                                      APIParameter("ended", in: .query, .boolean, "Include ended sessions.")]
                             + APIParameter.newestPaging,
                         responses: [200: .json(.ref("DataSessionPage"))])) { request, context in
            let (limit, offset) = try request.paging()
            let me = try context.requireIdentity().user
            let everyone = request.flag("all") && me.role == .admin
            let records = try await catalog.listDataSessions(userId: everyone ? nil : me.id, activeOnly: !request.flag("ended"),
                                                             limit: offset + limit + 1)
            return try Response.json(Page(fetched: records.dropFirst(offset).map(APIDataSession.init), limit: limit, offset: offset))
        }

        api.add(APIRoute(.get, "/sessions/{session}", id: "getSession", tag: "sessions", access: .user,
                         summary: "One of your data sessions (admins: anyone's).",
                         responses: [200: .json(.ref("DataSession"))])) { _, context in
            let record = try await visibleSession(context, catalog)
            return try Response.json(APIDataSession(record))
        }

        api.add(APIRoute(.delete, "/sessions/{session}", id: "stopSession", tag: "sessions", access: .user,
                         summary: "Stop a data session (SIGTERM, then SIGKILL after the runtime's grace); its seat is returned. A session on another node is marked stopping and ends there within a second.",
                         responses: [200: .json(.ref("DataSession"))])) { _, context in
            let record = try await visibleSession(context, catalog)
            if record.state != .ended {
                if await sessions.isLive(record.id) {
                    await sessions.stop(record.id, reason: .requested)
                } else {
                    // Another node runs it: that node stops it at its next tick (within a second).
                    try await catalog.markDataSessionStopping(id: record.id)
                }
            }
            return try Response.json(APIDataSession(try await catalog.dataSession(id: record.id) ?? record))
        }

        api.add(APIRoute(.get, "/sessions/{session}/log", id: "getSessionLog", tag: "sessions", access: .user,
                         summary: "The runtime's output (stdout and stderr), live while it runs.",
                         responses: [200: .text])) { _, context in
            let record = try await visibleSession(context, catalog)
            guard let text = try await sessions.log(record.id) else { throw Problem.notFound("The session has no log (yet).") }
            return Response.text(text)
        }
    }

    /// The session named in the path when the caller may see it (``SessionVisibility``).
    static func visibleSession(_ context: AtriumRequestContext, _ catalog: Catalog) async throws -> DataSessionRecord {
        try await SessionVisibility.visible(try context.parameters.require("session"), try context.requireIdentity().user, catalog)
    }
}

/// `POST /sessions`: which app to launch.
struct SessionLaunch: Decodable {
    let app: String
    /// Default: the app's latest version.
    let version: String?
    /// A case the runtime opens at start.
    let `case`: String?

    static let schema: JSONValue = .requestSchema([
        "app": ["type": "string", "minLength": 1, "maxLength": 128],
        "version": ["type": "string", "minLength": 1, "maxLength": 128],
        "case": ["type": "string", "minLength": 1, "maxLength": 64],
    ], optional: ["version", "case"])
}
