import Catalog
import Foundation
import Logging

/// Logging a user on, shared by `POST /api/v1/session` and the portal's log-on form: the
/// per-address and per-name rate limits, the password check, and a new portal session.
/// Failures are problems in words (401 for a wrong name or password, 429 past a limit).
enum LogOn {
    static func perform(_ services: AtriumServices, name rawName: String, password: String, remoteAddress: String,
                        logger: Logger) async throws -> LogOnResult {
        let name = rawName.lowercased()
        if let wait = services.logonAddressLimiter.take("addr:" + remoteAddress) {
            throw Problem.tooManyRequests(retryAfter: wait, detail: "Too many log-on attempts from this address; try again in \(wait) s.")
        }
        if let wait = services.logonAccountLimiter.take("name:" + name) {
            throw Problem.tooManyRequests(retryAfter: wait, detail: "Too many failed log-ons for this name; try again in \(wait) s.")
        }
        guard let user = try await services.catalog.verifyPassword(name: name, password: password) else {
            logger.notice("log-on refused", metadata: ["user": "\(name.prefix(64))", "address": "\(remoteAddress)"])
            throw Problem.unauthorized("The name or password is wrong, or the account is disabled.")
        }
        services.logonAccountLimiter.reset("name:" + name)
        let created = try await services.catalog.createWebSession(userId: user.id, lifetime: services.sessionLifetime)
        return LogOnResult(identity: Identity(user: user, method: .session(secret: created.secret, csrf: created.session.csrf)),
                      secret: created.secret)
    }
}
