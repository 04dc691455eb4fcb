/// The limits of a user for whom neither they nor any of their groups have one set: the
/// server's settings (`quota…`), chosen so one user cannot take a shared server for themselves.
public struct QuotaDefaults: Sendable, Hashable {
    public var dataSessions: Int64 = 4
    public var jobs: Int64 = 1000
    public var storageBytes: Int64 = 10 << 30
    public var uploadBytes: Int64 = 2 << 30

    public init() {}

    public subscript(kind: QuotaKind) -> Int64 {
        get {
            switch kind {
            case .dataSessions: dataSessions
            case .jobs: jobs
            case .storageBytes: storageBytes
            case .uploadBytes: uploadBytes
            }
        }
        set {
            switch kind {
            case .dataSessions: dataSessions = newValue
            case .jobs: jobs = newValue
            case .storageBytes: storageBytes = newValue
            case .uploadBytes: uploadBytes = newValue
            }
        }
    }
}
