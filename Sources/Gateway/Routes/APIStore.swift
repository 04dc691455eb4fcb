import Foundation
import Store

/// `GET /api/v1/store`: the store's size, what the catalog reaches, what a gc run now would free,
/// what is unreachable but younger than the grace period, the gc settings and the last run.
struct APIStore: Encodable {
    let blobs: Int
    let bytes: Int64
    let reachableBlobs: Int
    let reachableBytes: Int64
    let reclaimableBlobs: Int
    let reclaimableBytes: Int64
    let youngBlobs: Int
    let youngBytes: Int64
    let graceSeconds: Int
    /// 0 when the schedule is off.
    let intervalSeconds: Int
    let lastRun: StoreGCRun?

    init(_ usage: StoreUsage, configuration: GatewayConfiguration, lastRun: StoreGCRun?) {
        self.blobs = usage.blobs
        self.bytes = usage.bytes
        self.reachableBlobs = usage.reachableBlobs
        self.reachableBytes = usage.reachableBytes
        self.reclaimableBlobs = usage.reclaimableBlobs
        self.reclaimableBytes = usage.reclaimableBytes
        self.youngBlobs = usage.youngBlobs
        self.youngBytes = usage.youngBytes
        self.graceSeconds = configuration.gcGraceSeconds
        self.intervalSeconds = configuration.gcIntervalSeconds
        self.lastRun = lastRun
    }

    /// Reads the usage and the last run through `collector`.
    static func load(_ collector: StoreCollector, configuration: GatewayConfiguration) async throws -> APIStore {
        APIStore(try await collector.usage(), configuration: configuration, lastRun: try await collector.lastRun())
    }

    static let schema: JSONValue = .objectSchema([
        "blobs": .integerSchema, "bytes": .integerSchema, "reachableBlobs": .integerSchema, "reachableBytes": .integerSchema,
        "reclaimableBlobs": .integerSchema, "reclaimableBytes": .integerSchema, "youngBlobs": .integerSchema, "youngBytes": .integerSchema,
        "graceSeconds": .integerSchema, "intervalSeconds": .integerSchema, "lastRun": .ref("StoreGCRun"),
    ], optional: ["lastRun"])

    static let runSchema: JSONValue = .objectSchema([
        "at": .dateSchema, "node": .stringSchema,
        "trigger": ["type": "string", "enum": ["scheduled", "admin", "command"]], "actor": .stringSchema,
        "deletedBlobs": .integerSchema, "deletedBytes": .integerSchema, "keptReachable": .integerSchema, "keptYoung": .integerSchema,
        "removedTemporaries": .integerSchema, "skippedBusy": .integerSchema, "graceSeconds": ["type": "number"],
        "seconds": ["type": "number"], "dryRun": .booleanSchema, "stopped": .booleanSchema,
    ])
}
