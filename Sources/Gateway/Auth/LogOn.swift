import Catalog
import Foundation
import Logging

/// Checking a user's password, shared by `POST /api/v1/session`, the portal's log-on form,
/// `PUT /api/v1/me/password` and the portal's password forms: the limits of
/// ``AtriumServices/logOnLimiter`` (``LogOnLimiter``) and the catalog's bcrypt check. Failures
/// are problems in words (401 for a wrong name or password, 429 past a limit).
enum LogOn {
    /// Logs `rawName` on: checks the password and makes a new portal session.
    static func perform(_ services: AtriumServices, name rawName: String, password: String, remoteAddress: String,
                        logger: Logger) async throws -> LogOnResult {
        guard let user = try await verify(services, name: rawName, password: password, remoteAddress: remoteAddress, logger: logger) else {
            throw Problem.unauthorized("The name or password is wrong, or the account is disabled.")
        }
        let created = try await services.catalog.createWebSession(userId: user.id, lifetime: services.sessionLifetime)
        return LogOnResult(identity: Identity(user: user, method: .session(secret: created.secret, csrf: created.session.csrf)),
                      secret: created.secret)
    }

    /// The user whose name and password these are, or nil (a failure counted against the name
    /// from `remoteAddress`); 429 past a limit, before the password is checked.
    static func verify(_ services: AtriumServices, name rawName: String, password: String, remoteAddress: String,
                       logger: Logger) async throws -> User? {
        let name = rawName.lowercased()
        let user = try await services.logOnLimiter.check(name: name, address: remoteAddress) {
            try await services.catalog.verifyPassword(name: name, password: password)
        }
        if user == nil {
            logger.notice("password refused", metadata: ["user": "\(name.prefix(64))", "address": "\(remoteAddress)"])
        }
        return user
    }
}
