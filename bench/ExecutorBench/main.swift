import Catalog
import Foundation
import HummingbirdBcrypt
import Logging
import NIOPosix
import Store

// Catalog read latency alone and while N log-ons (bcrypt) run at once, for the executor's
// separate lanes (bcrypt on `credentials`, SQLite on `catalog`) and for the arrangement before
// it (bcrypt on the same NIOThreadPool as the SQLite statements, sized like NIO's shared pool).
// Reported, never asserted: see bench/executor.
//
//   atrium-bench-executor [log-ons N (8)] [reads R (400)] [bcrypt cost (10)]

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let logons = arguments.count > 0 ? arguments[0] : 8
let reads = arguments.count > 1 ? arguments[1] : 400
let cost = UInt8(arguments.count > 2 ? arguments[2] : 10)
let cores = ProcessInfo.processInfo.activeProcessorCount
let password = "bench password 1"

/// Milliseconds of each of `count` reads of one user, one after the other.
func timeReads(_ catalog: Catalog, _ count: Int) async throws -> [Double] {
    let clock = ContinuousClock()
    var times: [Double] = []
    times.reserveCapacity(count)
    for _ in 0..<count {
        let start = clock.now
        guard try await catalog.user(named: "bench") != nil else { fatalError("the bench user is missing") }
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    return times.sorted()
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// Reads alone, then while `logons` tasks log on in a loop; (p50, p95) of each and log-ons done.
func measure(_ catalog: Catalog, logOn: @escaping @Sendable () async throws -> Void) async throws
    -> (alone: [Double], loaded: [Double], logons: Int) {
    _ = try await timeReads(catalog, 50)  // warm the connections
    let alone = try await timeReads(catalog, reads)
    let stop = Flag()
    let done = Counter()
    let load = (0..<logons).map { _ in
        Task {
            while !stop.isSet {
                try await logOn()
                done.add()
            }
        }
    }
    while done.value < logons { try await Task.sleep(for: .milliseconds(1)) }  // every log-on under way
    let loaded = try await timeReads(catalog, reads)
    stop.set()
    for task in load { try await task.value }
    return (alone, loaded, done.value)
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}

func openCatalog(_ directory: String, _ executor: BlockingExecutor) async throws -> Catalog {
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var logger = Logger(label: "atrium.bench")
    logger.logLevel = .warning
    let catalog = try await Catalog.open(.sqlite(path: directory + "/catalog.sqlite", bcryptCost: cost), executor: executor,
                                         logger: logger)
    _ = try await catalog.createUser(name: "bench", displayName: "Bench", password: password, role: .user)
    return catalog
}

func report(_ label: String, _ result: (alone: [Double], loaded: [Double], logons: Int)) {
    let a50 = percentile(result.alone, 0.5), a95 = percentile(result.alone, 0.95)
    let l50 = percentile(result.loaded, 0.5), l95 = percentile(result.loaded, 0.95)
    print(label.padding(toLength: 28, withPad: " ", startingAt: 0)
        + String(format: "alone p50 %7.3f ms p95 %7.3f ms | %d log-ons: p50 %8.3f ms p95 %8.3f ms | ratio p50 %6.1fx p95 %6.1fx",
                 a50, a95, logons, l50, l95, l50 / a50, l95 / a95))
}

let root = NSTemporaryDirectory() + "atrium-bench-executor-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: root) }
print("catalog read (user by name) latency, \(reads) reads; \(logons) concurrent log-ons at bcrypt cost \(cost); \(cores) cores")

// Separate lanes: the executor as buildApplication makes it.
let lanes = BlockingExecutor()
let separate = try await openCatalog(root + "/lanes", lanes)
let separateResult = try await measure(separate) {
    guard try await separate.verifyPassword(name: "bench", password: password) != nil else { fatalError("log-on failed") }
}
await separate.close()
await lanes.shutdown()

// Shared pool: one NIOThreadPool of `cores` threads (NIO's shared pool's size) runs the SQLite
// statements and bcrypt, as NIOThreadPool.singleton did; a log-on reads the user, then verifies.
let shared = BlockingExecutor(limits: BlockingLimits(catalog: cores))
let sharedCatalog = try await openCatalog(root + "/shared", shared)
let pool = try shared.catalogThreadPool()
let hash = Bcrypt.hash(password, cost: cost)
let sharedResult = try await measure(sharedCatalog) {
    guard try await sharedCatalog.user(named: "bench") != nil,
          try await pool.runIfActive({ Bcrypt.verify(password, hash: hash) }) else { fatalError("log-on failed") }
}
await sharedCatalog.close()
await shared.shutdown()

report("separate lanes (executor)", separateResult)
report("shared pool (before)", sharedResult)
let ratio = percentile(sharedResult.loaded, 0.95) / percentile(separateResult.loaded, 0.95)
print(String(format: "p95 under log-ons, shared / separate: %.1fx", ratio))
