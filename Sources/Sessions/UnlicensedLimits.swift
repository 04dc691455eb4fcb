/// What a platform without an installed license allows: enough to evaluate it.
public struct UnlicensedLimits: Sendable, Hashable {
    public var dataSessions: Int
    public var optimizationSessions: Int
    public var namedUsers: Int

    public init(dataSessions: Int = 5, optimizationSessions: Int = 2, namedUsers: Int = 5) {
        self.dataSessions = dataSessions
        self.optimizationSessions = optimizationSessions
        self.namedUsers = namedUsers
    }
}
