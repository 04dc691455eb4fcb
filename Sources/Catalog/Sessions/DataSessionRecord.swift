import Foundation

/// A data session as the catalog keeps it (every node of a cluster sees it).
public struct DataSessionRecord: Sendable, Hashable {
    public let id: String
    public let userId: String
    public let app: String
    public let appVersion: String
    /// The runtime package, `name@version`.
    public let runtime: String
    public let node: String
    /// Where the runtime listens (e.g. `127.0.0.1:41234`), once ready.
    public var address: String?
    public var state: DataSessionState
    public let seatId: String
    /// The session-scoped API token's id, once issued.
    public var tokenId: String?
    public let createdAt: Date
    public var readyAt: Date?
    public var endedAt: Date?
    public var endReason: String?
    public var logDigest: String?

    public init(id: String, userId: String, app: String, appVersion: String, runtime: String, node: String,
                address: String? = nil, state: DataSessionState, seatId: String, tokenId: String? = nil, createdAt: Date,
                readyAt: Date? = nil, endedAt: Date? = nil, endReason: String? = nil, logDigest: String? = nil) {
        self.id = id
        self.userId = userId
        self.app = app
        self.appVersion = appVersion
        self.runtime = runtime
        self.node = node
        self.address = address
        self.state = state
        self.seatId = seatId
        self.tokenId = tokenId
        self.createdAt = createdAt
        self.readyAt = readyAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.logDigest = logDigest
    }
}
