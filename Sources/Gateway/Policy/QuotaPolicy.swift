import Catalog
import Hummingbird

/// Quotas for `…/quotas` routes and the portal's quota pages alike: only admins set or clear a
/// limit (403 otherwise); anyone reads their own use against their limits; a case upload's
/// size is checked against the uploader's limit, and the case owner's storage, before it is read.
enum QuotaPolicy {
    /// 403 unless `actor` is an admin.
    static func requireAdmin(_ actor: User) throws {
        guard actor.role == .admin else { throw Problem.forbidden("Only admins set quotas.") }
    }

    /// The kind named in a path or form; 404 for an unknown one, listing the known ones.
    static func kind(_ name: String) throws -> QuotaKind {
        guard let kind = QuotaKind(rawValue: name) else {
            throw Problem.notFound("No quota '\(name.prefix(64))'; quotas are \(QuotaKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return kind
    }

    /// Sets `subject`'s limit of `kind` (nil: unlimited).
    static func set(_ subject: Subject, _ kind: QuotaKind, limit: Int64?, by actor: User, _ catalog: Catalog) async throws {
        try requireAdmin(actor)
        if let limit, limit < 0 { throw Problem.badRequest("A quota's limit must be 0 or more.") }
        if kind == .jobPriority, let limit, limit > 9 {
            throw Problem.unprocessable("A jobPriority limit is a priority, 0…9 (or unlimited: 9).")
        }
        try await catalog.setQuota(subject, kind: kind, limit: limit, by: .user(actor.id))
    }

    /// Removes `subject`'s limit of `kind` (its groups' or the default applies again).
    static func clear(_ subject: Subject, _ kind: QuotaKind, by actor: User, _ catalog: Catalog) async throws {
        try requireAdmin(actor)
        try await catalog.clearQuota(subject, kind: kind, by: .user(actor.id))
    }

    /// The limits set for a user or group itself (admins only).
    static func settings(of subject: Subject, for actor: User, _ catalog: Catalog) async throws -> [QuotaSetting] {
        try requireAdmin(actor)
        return try await catalog.quotas(of: subject)
    }

    /// `user`'s use against each limit: their own, or (admins) anyone's. The catalog counts
    /// sessions, jobs and storage; their transfers running now and their proxied WebSockets are
    /// this node's counts.
    static func usage(of user: User, for actor: User, _ services: AtriumServices) async throws -> [QuotaUsage] {
        if user.id != actor.id { try requireAdmin(actor) }
        return try await services.catalog.quotaUsage(userId: user.id).map { usage in
            switch usage.kind {
            case .webSockets: QuotaUsage(limit: usage.limit, used: Int64(services.proxyConnections.count(user: user.id)))
            case .transfers: QuotaUsage(limit: usage.limit, used: Int64(TransferPolicy.inUse(userId: user.id, services.executor)))
            default: usage
            }
        }
    }

    /// The most one case upload of `userId` may be: their `uploadBytes` limit within the server's
    /// `maxUploadBytes`. A declared `Content-Length` past their limit is refused at once (413
    /// naming the quota); a body that grows past it while streaming is cut off at the limit.
    static func uploadLimit(_ request: Request, userId: String, serverLimit: Int64, _ catalog: Catalog) async throws -> Int64 {
        let quota = try await catalog.effectiveQuota(userId: userId, kind: .uploadBytes)
        guard let value = quota.value, value < serverLimit else { return serverLimit }
        if let declared = request.headers[.contentLength].flatMap({ Int64($0) }), declared > value {
            throw Problem.quotaExceeded(QuotaExceeded(kind: .uploadBytes, limit: value, used: 0, requested: declared))
        }
        return value
    }

    /// Refuses a case upload before its body is read (413 naming `storageBytes`) when the case
    /// owner's storage has no room for its declared `Content-Length` (for a body of unknown
    /// length, no room for one byte). The save's own transaction checks again, exactly.
    static func requireStorageRoom(_ request: Request, ownerId: String, _ catalog: Catalog) async throws {
        let declared = request.headers[.contentLength].flatMap { Int64($0) } ?? 1
        try await catalog.requireRoom(userId: ownerId, kind: .storageBytes, adding: max(0, declared))
    }

    /// The limits of one proxied WebSocket of `userId`: how many they may hold open at once
    /// (their `webSockets` quota; nil: unlimited) and the largest frame the browser may send on it
    /// (their `frameBytes` quota within the server's `maxFrameSize`).
    static func socketLimits(userId: String, serverMaxFrame: Int, _ catalog: Catalog) async throws -> (sockets: Int64?, frameBytes: Int) {
        let sockets = try await catalog.effectiveQuota(userId: userId, kind: .webSockets)
        let frame = try await catalog.effectiveQuota(userId: userId, kind: .frameBytes)
        return (sockets.value, frame.value.map { Int(clamping: min($0, Int64(serverMaxFrame))) } ?? serverMaxFrame)
    }

    /// Refuses a WebSocket upgrade of `userId` before the handshake (429 naming `webSockets`)
    /// when they already hold their limit of proxied sockets on this node (`open`). Upgrades
    /// racing for the last one are settled by ``ProxyConnections``' count, which closes the loser
    /// with 1008.
    static func requireSocketRoom(userId: String, open: Int, _ catalog: Catalog) async throws {
        let quota = try await catalog.effectiveQuota(userId: userId, kind: .webSockets)
        if let limit = quota.value, Int64(open) >= limit {
            throw Problem.quotaExceeded(QuotaExceeded(kind: .webSockets, limit: limit, used: Int64(open)))
        }
    }
}
