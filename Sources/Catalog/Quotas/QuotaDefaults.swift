/// The limits of a user for whom neither they nor any of their groups have one set: the
/// server's settings (`quota…`), chosen so one user cannot take a shared server for themselves.
public struct QuotaDefaults: Sendable, Hashable {
    public var dataSessions: Int64 = 4
    public var jobs: Int64 = 1000
    public var storageBytes: Int64 = 10 << 30
    public var uploadBytes: Int64 = 2 << 30
    /// The gateway sets it from `transfersPerUser`.
    public var transfers: Int64 = 8
    public var webSockets: Int64 = 16
    /// The gateway sets it from the proxy's largest frame (16 MiB).
    public var frameBytes: Int64 = 16 << 20
    /// The gateway sets it from `maxUserJobPriority`.
    public var jobPriority: Int64 = 5

    public init() {}

    public subscript(kind: QuotaKind) -> Int64 {
        get {
            switch kind {
            case .dataSessions: dataSessions
            case .jobs: jobs
            case .storageBytes: storageBytes
            case .uploadBytes: uploadBytes
            case .transfers: transfers
            case .webSockets: webSockets
            case .frameBytes: frameBytes
            case .jobPriority: jobPriority
            }
        }
        set {
            switch kind {
            case .dataSessions: dataSessions = newValue
            case .jobs: jobs = newValue
            case .storageBytes: storageBytes = newValue
            case .uploadBytes: uploadBytes = newValue
            case .transfers: transfers = newValue
            case .webSockets: webSockets = newValue
            case .frameBytes: frameBytes = newValue
            case .jobPriority: jobPriority = newValue
            }
        }
    }
}
