/// The seat counts a license grants; nil means unlimited, 0 means none.
public struct SeatLimits: Sendable, Hashable {
    public var dataSessions: Int?
    public var optimizationSessions: Int?
    public var namedUsers: Int?

    public init(dataSessions: Int? = nil, optimizationSessions: Int? = nil, namedUsers: Int? = nil) {
        self.dataSessions = dataSessions
        self.optimizationSessions = optimizationSessions
        self.namedUsers = namedUsers
    }

    /// No limit at all.
    public static let unlimited = SeatLimits()

    /// The concurrent limit for seats of `kind`.
    public func limit(for kind: SeatKind) -> Int? {
        switch kind {
        case .data: dataSessions
        case .solve: optimizationSessions
        }
    }
}
