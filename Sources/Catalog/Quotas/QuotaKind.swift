/// What a quota limits, per user: counts of things held at once (past one: 429), sizes
/// (past one: 413), and the highest job priority (above it: 403). The raw value is the name the API, the portal and problems use.
public enum QuotaKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Data sessions running at once (data-session seats held).
    case dataSessions
    /// Optimization jobs queued or running.
    case jobs
    /// Bytes of every version of the cases the user owns.
    case storageBytes
    /// Bytes of one case upload.
    case uploadBytes
    /// Uploads and downloads running at once (the user's share of the transfer slots).
    case transfers
    /// Proxied WebSockets open at once (counted by each node's proxy, not the catalog).
    case webSockets
    /// Bytes of one WebSocket frame from the browser on a proxied socket.
    case frameBytes
    /// The highest priority (0…9) the user may give a job (admins may always use 9). Not a count
    /// nor a size: asking for more is 403.
    case jobPriority

    /// Whether the limit is a size in bytes (413 past it) rather than a count (429).
    public var isSize: Bool {
        switch self {
        case .storageBytes, .uploadBytes, .frameBytes: true
        case .dataSessions, .jobs, .transfers, .webSockets, .jobPriority: false
        }
    }

    /// Whether the catalog counts the use (sessions, jobs, storage); an upload's or a frame's size
    /// is per request, and transfers and WebSockets are counted in memory where they run.
    public var isCounted: Bool {
        switch self {
        case .dataSessions, .jobs, .storageBytes: true
        case .uploadBytes, .transfers, .webSockets, .frameBytes, .jobPriority: false
        }
    }

    /// What is limited, in words ("data sessions running").
    public var noun: String {
        switch self {
        case .dataSessions: "data sessions running"
        case .jobs: "jobs queued or running"
        case .storageBytes: "case storage"
        case .uploadBytes: "one case upload"
        case .transfers: "uploads and downloads at once"
        case .webSockets: "WebSockets open at once"
        case .frameBytes: "one WebSocket frame"
        case .jobPriority: "highest job priority"
        }
    }
}
