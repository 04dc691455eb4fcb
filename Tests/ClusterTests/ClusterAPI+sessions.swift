import Foundation

/// Data sessions of the fixture app `cluster` (its runtime's `serve.py`) and the license's use.
extension ClusterAPI {
    /// `POST /api/v1/sessions {"app": "cluster"}` on `base`: answers once the session is ready
    /// (or 429 when no seat is free). The reply is returned whatever its status.
    func launchSession(_ base: String) async throws -> Reply {
        try await call(base, .POST, "/api/v1/sessions", json: ["app": "cluster"], timeout: .seconds(120))
    }

    func session(_ base: String, _ id: String) async throws -> [String: Any] {
        let reply = try await call(base, .GET, "/api/v1/sessions/\(id)")
        guard reply.status == 200 else { throw Shell.Failure(command: "GET session \(id)", status: Int32(reply.status), output: reply.text) }
        return try reply.object()
    }

    /// `GET /api/v1/license`: the limits and the seats in use now (`{"limits": {...}, "inUse": {...}}`).
    func license(_ base: String) async throws -> [String: Any] {
        let reply = try await call(base, .GET, "/api/v1/license")
        guard reply.status == 200 else { throw Shell.Failure(command: "GET /api/v1/license", status: Int32(reply.status), output: reply.text) }
        return try reply.object()
    }

    /// `inUse.dataSessions` of `GET /api/v1/license` (-1 when missing).
    func dataSessionsInUse(_ base: String) async throws -> Int {
        JSONNumber.int((try await license(base)["inUse"] as? [String: Any])?["dataSessions"]) ?? -1
    }
}
