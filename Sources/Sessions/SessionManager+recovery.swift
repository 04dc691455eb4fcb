import Catalog
import Foundation

extension SessionManager {
    /// At start: sessions the catalog still shows on this node belonged to a previous process
    /// of it that died. They are gone: end them as lost, return their seats, revoke their tokens.
    public func recoverAfterRestart(now: Date = Date()) async throws {
        for record in try await catalog.activeDataSessions(node: settings.node) where live[record.id] == nil {
            try await catalog.returnSeat(id: record.seatId, reason: "lost: its node restarted", now: now)
            if let tokenId = record.tokenId {
                try await catalog.revokeToken(id: tokenId, by: .system, now: now)
                hooks.revokedToken(id: tokenId)
            }
            _ = try await catalog.endDataSession(id: record.id, reason: "lost: its node restarted", logDigest: nil, now: now)
            ScratchDirectory.remove(settings.sessionsDirectory + "/" + record.id)
            logger.warning("data session lost when its node restarted", metadata: ["session": "\(record.id)"])
        }
    }
}
