import Foundation

/// What a licensor signs: who may run how many concurrent data sessions and optimization
/// sessions, for how many named users, from when until when, and optionally only which apps.
///
/// The signed form is canonical JSON (sorted keys, ISO 8601 dates in whole seconds), like
/// `PackageStatement`; verifiers check the signature over those exact bytes and only then
/// decode them.
public struct LicenseStatement: SignableStatement, Hashable {
    public let id: String
    public let licensee: String
    /// Concurrent data sessions (0 = none).
    public let dataSessions: Int
    /// Concurrent optimization sessions (0 = none).
    public let optimizationSessions: Int
    /// Distinct users who may ever take a seat (0 = none).
    public let namedUsers: Int
    public let issued: Date
    public let expires: Date
    /// The apps the license covers; nil covers every app.
    public let apps: [String]?

    /// Builds a statement after checking it; dates are cut to whole seconds, as ISO 8601 in the
    /// signed bytes keeps them.
    public init(id: String, licensee: String, dataSessions: Int, optimizationSessions: Int, namedUsers: Int,
                issued: Date, expires: Date, apps: [String]? = nil) throws {
        self.id = id
        self.licensee = licensee
        self.dataSessions = dataSessions
        self.optimizationSessions = optimizationSessions
        self.namedUsers = namedUsers
        self.issued = Self.wholeSeconds(issued)
        self.expires = Self.wholeSeconds(expires)
        self.apps = apps
        try validate()
    }

    /// Checks every field; throws `LicenseError.invalidStatement` naming the first broken rule.
    public func validate() throws {
        func fail(_ reason: String) -> LicenseError { .invalidStatement(reason) }
        guard NameRule.isValid(id) else { throw fail("id \(id.debugDescription) must match [a-z0-9][a-z0-9._+-]{0,127}") }
        let trimmed = licensee.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, licensee.count <= 200, !licensee.contains(where: \.isNewline) else {
            throw fail("licensee must be 1-200 characters on one line")
        }
        for (name, value) in [("data sessions", dataSessions), ("optimization sessions", optimizationSessions),
                              ("named users", namedUsers)] where value < 0 {
            throw fail("\(name) must not be negative (got \(value))")
        }
        guard expires > issued else { throw fail("expires (\(expires.formatted(.iso8601))) must be after issued") }
        if let apps {
            for app in apps where !NameRule.isValid(app) { throw fail("app name \(app.debugDescription) is not valid") }
            guard Set(apps).count == apps.count else { throw fail("an app is listed twice") }
        }
    }

    /// True when the license covers `app`.
    public func covers(app: String) -> Bool { apps?.contains(app) ?? true }

    /// Signed bytes that are not a license statement.
    public static func malformed(_ error: any Error) -> any Error {
        LicenseError.malformed("statement is not a license statement (\(error))")
    }
}
