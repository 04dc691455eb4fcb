/// A request that would go past a user's limit: which limit, its value and the use now (for a
/// size, `requested` is what the request would add). Its description is the sentence the user
/// reads, naming the quota.
public struct QuotaExceeded: Sendable, Hashable, CustomStringConvertible {
    public let kind: QuotaKind
    public let limit: Int64
    public let used: Int64
    public let requested: Int64

    public init(kind: QuotaKind, limit: Int64, used: Int64, requested: Int64 = 1) {
        self.kind = kind
        self.limit = limit
        self.used = used
        self.requested = requested
    }

    public var description: String {
        let quota = "(quota '\(kind.rawValue)')"
        switch kind {
        case .dataSessions:
            return "You have \(used) data \(used == 1 ? "session" : "sessions") running; your limit is \(limit) \(quota)."
        case .jobs:
            return "You have \(used) \(used == 1 ? "job" : "jobs") queued or running; your limit is \(limit) \(quota)."
        case .storageBytes:
            return "Your cases use \(Self.bytes(used)) and this would add \(Self.bytes(requested)); your storage limit is \(Self.bytes(limit)) \(quota)."
        case .uploadBytes:
            return "The upload is \(Self.bytes(requested)); your limit for one upload is \(Self.bytes(limit)) \(quota)."
        case .transfers:
            return "You already run \(used) uploads and downloads at once; your limit is \(limit) \(quota). Try again when one ends."
        case .webSockets:
            return "You have \(used) WebSockets open; your limit is \(limit) \(quota)."
        case .frameBytes:
            return "A frame of \(requested) bytes; your limit is \(limit) \(quota)."
        case .jobPriority:
            return "Priority \(requested) is above your limit: your jobs may have priority 0…\(limit) \(quota)."
        }
    }

    /// `1536 bytes (1.5 KiB)`: exact, and readable.
    static func bytes(_ count: Int64) -> String {
        let units: [(String, Int64)] = [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        guard let unit = units.first(where: { count >= $0.1 }) else { return "\(count) bytes" }
        let value = Double(count) / Double(unit.1)
        let shown = value == value.rounded() ? String(Int64(value)) : String(format: "%.1f", value)
        return "\(count) bytes (\(shown) \(unit.0))"
    }
}
