import Foundation

/// How many calls each lane of a ``BlockingExecutor`` runs at once.
public struct BlockingLimits: Sendable, Hashable {
    /// bcrypt: as many as there are cores (at least 2), so log-ons use the machine without
    /// queueing behind one another more than they must.
    public var credentials: Int
    /// The catalog's SQLite statements: its connection pool's size (one writer, two readers).
    public var catalog: Int
    /// Uploads and downloads at once; past it the gateway answers 503 with `Retry-After`.
    public var transfers: Int
    /// Of ``transfers``, how many one holder (the gateway: one user) may have at once, so one
    /// client's slow transfers leave slots for everyone else; past it
    /// ``BlockingExecutor/reserve(_:for:)`` throws ``BlockingLaneShareFull`` (the gateway: 429).
    public var transfersPerHolder: Int
    /// The server's own store work (unsealing, extraction, logs, job input and results).
    public var files: Int
    /// Whole-store walks (gc, usage) at once.
    public var storeWalks: Int
    /// Ready probes at once.
    public var probes: Int

    public init(credentials: Int = max(2, ProcessInfo.processInfo.activeProcessorCount), catalog: Int = 3,
                transfers: Int = 32, files: Int = 16, storeWalks: Int = 4, probes: Int = 16, transfersPerHolder: Int = 8) {
        self.credentials = credentials
        self.catalog = catalog
        self.transfers = transfers
        self.transfersPerHolder = transfersPerHolder
        self.files = files
        self.storeWalks = storeWalks
        self.probes = probes
    }

    /// The limit of `lane`.
    public subscript(lane: BlockingLane) -> Int {
        switch lane {
        case .credentials: credentials
        case .catalog: catalog
        case .transfers: transfers
        case .files: files
        case .storeWalks: storeWalks
        case .probes: probes
        }
    }

    /// How many calls of `lane` one holder may have at once through
    /// ``BlockingExecutor/reserve(_:for:)``: ``transfersPerHolder`` for the transfers lane, the
    /// whole lane for the others.
    public func share(of lane: BlockingLane) -> Int {
        lane == .transfers ? transfersPerHolder : self[lane]
    }
}
