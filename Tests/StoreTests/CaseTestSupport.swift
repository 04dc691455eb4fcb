import Foundation
@testable import Store

/// Deterministic pseudo-random numbers (SplitMix64), so generated cases are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A CSV-like table whose rows can be changed in place to make the next version of a case.
struct GeneratedTable {
    private(set) var rows: [String]
    private var rng: SplitMix64

    init(rows count: Int, seed: UInt64 = 42) {
        rng = SplitMix64(seed: seed)
        rows = []
        rows.reserveCapacity(count)
        for i in 0..<count { rows.append(Self.row(i, &rng)) }
    }

    private static let regions = ["north", "south", "east", "west", "central"]
    private static let products = ["steel", "copper", "grain", "timber", "coal", "oil", "gas"]

    private static func row(_ i: Int, _ rng: inout SplitMix64) -> String {
        let region = regions[Int(rng.next() % UInt64(regions.count))]
        let product = products[Int(rng.next() % UInt64(products.count))]
        let qty = rng.next() % 100_000
        let price = Double(rng.next() % 1_000_000) / 100
        return "\(i),\(region),\(product),\(qty),\(price),2024-\(1 + rng.next() % 12)-\(1 + rng.next() % 28)"
    }

    /// Rewrites `fraction` of the rows, at scattered places.
    mutating func change(fraction: Double) {
        let n = max(1, Int(Double(rows.count) * fraction))
        for _ in 0..<n {
            let i = Int(rng.next() % UInt64(rows.count))
            rows[i] = Self.row(i, &rng)
        }
    }

    var bytes: [UInt8] { Array(("id,region,product,qty,price,date\n" + rows.joined(separator: "\n") + "\n").utf8) }
}

/// Random bytes (incompressible).
func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var rng = SplitMix64(seed: seed)
    var out = [UInt8](repeating: 0, count: count)
    for i in stride(from: 0, to: count, by: 8) {
        var v = rng.next()
        for j in i..<min(i + 8, count) { out[j] = UInt8(truncatingIfNeeded: v); v >>= 8 }
    }
    return out
}

/// A fresh private directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "atrium-test-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { path + "/" + name }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let p = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }
    func entries() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
}

/// Runs a tool, returning its exit status and standard output (standard error is discarded).
@discardableResult
func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

let zstdTool = "/usr/bin/zstd"

/// Compresses `bytes` with our compressor into memory.
func zstdCompress(_ bytes: [UInt8], level: Int = 3, workers: Int = 0, contentSize: Bool = true) throws -> [UInt8] {
    let sink = MemorySink()
    try ZstdCompressor(level: level, workers: workers)
        .compress(from: MemorySource(bytes), to: sink, contentSize: contentSize ? Int64(bytes.count) : nil)
    return sink.bytes
}

func zstdDecompress(_ frame: [UInt8], reference: MappedFile? = nil) throws -> [UInt8] {
    let sink = MemorySink()
    try ZstdDecompressor().decompress(from: MemorySource(frame), to: sink, reference: reference)
    return sink.bytes
}
