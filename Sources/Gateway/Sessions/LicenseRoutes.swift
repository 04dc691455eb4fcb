import Catalog
import Foundation
import Hummingbird
import Sessions
import Store

/// Licensing (admins): install a vendor-signed license, see the limits and current use per app
/// and user, and export the usage history (every seat taken) as JSON or CSV.
enum LicenseRoutes {
    static func add(to api: APIRouter) {
        let catalog = api.services.catalog
        let unlicensed = api.services.configuration.unlicensedLimits
        let services = api.services
        api.schema("License", APILicense.schema)
        api.schema("LicenseCounts", APILicense.countsSchema)
        api.schema("LicenseUse", APILicense.useSchema)
        api.schema("Seat", APISeat.schema)
        api.schema("SeatPage", Page<APISeat>.schema(.ref("Seat")))

        api.add(APIRoute(.put, "/license", id: "installLicense", tag: "license", access: .admin,
                         summary: "Install a license (.atlic, signed by a trusted vendor key); it replaces the current one.",
                         body: .json(["type": "object"]), responses: [200: .json(.ref("License"))])) { request, context in
            let me = try context.requireIdentity().user
            let buffer = try await request.body.collect(upTo: 64 << 10)
            try await LicenseInstall.perform(Array(buffer.readableBytesView), services: services, by: .user(me.id))
            return try Response.json(try await report(catalog, unlicensed: unlicensed))
        }

        api.add(APIRoute(.get, "/license", id: "getLicense", tag: "license", access: .admin,
                         summary: "The license in force, its limits and the seats in use now, per app and per user.",
                         responses: [200: .json(.ref("License"))])) { _, _ in
            try Response.json(try await report(catalog, unlicensed: unlicensed))
        }

        api.add(APIRoute(.get, "/license/usage", id: "listLicenseUsage", tag: "license", access: .admin,
                         summary: "Usage history: every seat taken, newest first; format=csv exports up to 10,000 (narrow with from/to).",
                         parameters: [
                             APIParameter("from", in: .query, .dateTime, "Seats taken at or after this time."),
                             APIParameter("to", in: .query, .dateTime, "Seats taken before this time."),
                             APIParameter("user", in: .query, .key, "Only this user's seats (user id)."),
                             APIParameter("app", in: .query, .objectName, "Only this app's seats."),
                             APIParameter("format", in: .query, .oneOf(["json", "csv"]), "json (default) or csv."),
                         ] + APIParameter.newestPaging,
                         responses: [200: APIBody.json(.ref("SeatPage")).or(.csv)])) { request, _ in
            let (limit, offset) = try request.paging()
            func date(_ name: String) -> Date? { request.query(name).flatMap(APIValueRule.parseDate) }
            let csv = request.query("format") == "csv"
            let seats = try await catalog.seatHistory(from: date("from"), to: date("to"), userId: request.query("user"),
                                                      app: request.query("app"), limit: csv ? 10000 : offset + limit + 1)
            if csv {
                var response = Response.text(APISeat.csvHeader + seats.map { APISeat($0).csvRow }.joined(), contentType: "text/csv; charset=utf-8")
                response.headers[.contentDisposition] = "attachment; filename=\"atrium-usage.csv\""
                return response
            }
            return try Response.json(Page(fetched: seats.dropFirst(offset).map(APISeat.init), limit: limit, offset: offset))
        }
    }

    static func report(_ catalog: Catalog, unlicensed: UnlicensedLimits, now: Date = Date()) async throws -> APILicense {
        let held = try await catalog.heldSeats(now: now)
        let named = try await catalog.namedUserCount()
        let inUse = APILicense.Counts(dataSessions: held.filter { $0.kind == .data }.count,
                                      optimizationSessions: held.filter { $0.kind == .solve }.count, namedUsers: named)
        func uses(_ key: (Seat) -> String) -> [APILicense.Use] {
            Dictionary(grouping: held, by: key).map { name, seats in
                APILicense.Use(name: name, dataSessions: seats.filter { $0.kind == .data }.count,
                               optimizationSessions: seats.filter { $0.kind == .solve }.count)
            }.sorted { $0.name < $1.name }
        }
        guard let record = try await catalog.activeLicense() else {
            return APILicense(licensed: false, problem: nil, id: nil, licensee: nil, issued: nil, expires: nil, apps: nil,
                              limits: .init(dataSessions: unlicensed.dataSessions, optimizationSessions: unlicensed.optimizationSessions,
                                            namedUsers: unlicensed.namedUsers),
                              inUse: inUse, byApp: uses(\.app), byUser: uses(\.userId))
        }
        var problem: String?
        var statement: LicenseStatement?
        do {
            let envelope = try SignedLicense.decode(Array(record.envelopeJSON.utf8))
            statement = try LicenseVerifier.verify(envelope, trust: try await catalog.trustStore(), now: now)
        } catch {
            problem = "\(error)"
        }
        return APILicense(licensed: problem == nil, problem: problem, id: record.id, licensee: record.licensee,
                          issued: statement?.issued ?? record.issuedAt, expires: statement?.expires ?? record.expiresAt,
                          apps: statement?.apps,
                          limits: .init(dataSessions: statement?.dataSessions ?? 0, optimizationSessions: statement?.optimizationSessions ?? 0,
                                        namedUsers: statement?.namedUsers ?? 0),
                          inUse: inUse, byApp: uses(\.app), byUser: uses(\.userId))
    }
}

/// Installing a license, for the API and the portal alike: verify against the trusted keys
/// now, record it as the newest, and make the gate read it again.
enum LicenseInstall {
    @discardableResult
    static func perform(_ bytes: [UInt8], services: AtriumServices, by actor: AuditActor) async throws -> LicenseStatement {
        let catalog = services.catalog
        let envelope: SignedLicense
        let statement: LicenseStatement
        do {
            envelope = try SignedLicense.decode(bytes)
            statement = try LicenseVerifier.verify(envelope, trust: try await catalog.trustStore(), now: Date())
        } catch let error as LicenseError {
            throw Problem.unprocessable("The license was refused: \(error)")
        }
        try await catalog.installLicense(envelope, verified: statement, by: actor)
        await services.sessions.licenses.invalidate()
        return statement
    }
}
