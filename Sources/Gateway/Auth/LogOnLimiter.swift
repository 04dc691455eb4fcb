import Foundation

/// The limits on password checks, one rule for every place a password is checked (log-on
/// through the API and the portal, `PUT /api/v1/me/password` and the portal's password forms,
/// all through ``LogOn``):
/// - per address: every attempt spends one (20 at once, then one a second), before the check;
/// - per name *and* address: only a wrong password spends one (5 at once, then one every 12 s),
///   after the check; while none is left, that address is refused for that name before its
///   password is checked, and a right password clears its count.
///
/// So failures from one address lock out only that address for that name: the right password
/// from any other address (one the user logged on from before, or a new one that has not
/// failed itself) still works while the name is hammered from elsewhere.
public final class LogOnLimiter: Sendable {
    private let perAddress: RateLimiter
    private let failures: RateLimiter

    public init(attemptsPerSecond: Double = 1, attemptBurst: Double = 20,
                failuresPerSecond: Double = 1.0 / 12, failureBurst: Double = 5) {
        perAddress = RateLimiter(perSecond: attemptsPerSecond, burst: attemptBurst)
        failures = RateLimiter(perSecond: failuresPerSecond, burst: failureBurst)
    }

    /// Runs `check` (the user when the password is right, else nil) for `name` from `address`
    /// under the limits; 429 with `Retry-After` past one, before `check` runs. `name` is compared
    /// case-blind.
    public func check<T>(name: String, address: String, now: Double = Date().timeIntervalSinceReferenceDate,
                         _ check: () async throws -> T?) async throws -> T? {
        let key = Self.key(name: name, address: address)
        if let wait = perAddress.take("addr:" + address, now: now) {
            throw Problem.tooManyRequests(retryAfter: wait, detail: "Too many log-on attempts from this address; try again in \(wait) s.")
        }
        if let wait = failures.wait(key, now: now) {
            throw Problem.tooManyRequests(retryAfter: wait,
                                          detail: "Too many failed log-ons for this name from this address; try again in \(wait) s.")
        }
        guard let found = try await check() else {
            failures.spend(key, now: now)
            return nil
        }
        failures.reset(key)
        return found
    }

    static func key(name: String, address: String) -> String {
        "name:" + name.lowercased() + "\u{0}" + address
    }
}
