import Foundation
import Store

/// Saves `versions` versions of a generated CSV of about `mib` MiB (each changing `change` of the
/// rows at scattered places) into a directory store, then restores the newest and the oldest, and
/// runs `zstd -3 -T1` / `zstd -d` on the newest version for comparison.
@main
struct CaseBench {
    static func main() throws {
        var mib = 64, versions = 20, change = 0.01
        var work = NSTemporaryDirectory() + "atrium-case-bench"
        var args = CommandLine.arguments.dropFirst().makeIterator()
        while let a = args.next() {
            switch a {
            case "--mib": mib = Int(args.next()!)!
            case "--versions": versions = Int(args.next()!)!
            case "--change": change = Double(args.next()!)!
            case "--work": work = args.next()!
            default: fatalError("unknown argument \(a)")
            }
        }
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work + "/scratch", withIntermediateDirectories: true)
        let store = try BlobStore.initialize(at: work + "/store")
        let cases = CaseStore(blobs: store, scratchDirectory: work + "/scratch")

        var table = Table(targetBytes: mib << 20)
        print("table: \(table.rows.count) rows, \(versions) versions, \(change * 100)% rows changed per version")
        var head: BlobDigest?
        var saveTimes: [Double] = []
        var input = ""
        for v in 1...versions {
            input = work + "/input\(v % 2).csv"  // the previous version stays for the CLI comparison
            if v > 1 { table.change(fraction: change) }
            try table.write(to: input)
            let t = try time {
                head = try cases.save(from: try FileSource(path: input), name: "bench", parent: head).manifestDigest
            }
            saveTimes.append(t)
            let m = try cases.history(manifest: head!)
            let prev = m.versions.count > 1 ? m.versions[m.versions.count - 2] : nil
            print(String(format: "save v%-2d %.2f s  full %@  previous → %@ %@", v, t, mb(m.newest!.storedSize),
                         prev.map { $0.encoding.rawValue } ?? "-", prev.map { mb($0.storedSize) } ?? ""))
        }
        let manifest = try cases.history(manifest: head!)
        let size = manifest.newest!.size

        // The zstd CLI on the newest version, side by side.
        let zst = work + "/newest.csv.zst"
        let zstdCompress = try time { try run("/usr/bin/zstd", ["-q", "-f", "-3", "-T1", input, "-o", zst]) }
        let zstdSize = Int64(try FileManager.default.attributesOfItem(atPath: zst)[.size] as! UInt64)
        let zstdDecompress = try best { try run("/usr/bin/zstd", ["-q", "-f", "-d", zst, "-o", work + "/zstd-out.csv"]) }
        // `zstd --patch-from` on the last pair, what our newest delta corresponds to.
        let previous = work + "/input\((versions - 1) % 2).csv", patch = work + "/previous.patch.zst"
        let cliDelta = try time { try run("/usr/bin/zstd", ["-q", "-f", "-3", "-T1", "--patch-from=" + input, previous, "-o", patch]) }
        let cliDeltaSize = Int64(try FileManager.default.attributesOfItem(atPath: patch)[.size] as! UInt64)
        let cliPatch = try time { try run("/usr/bin/zstd", ["-q", "-f", "-d", "--long=31", "--patch-from=" + input, patch, "-o", work + "/patched.csv"]) }
        let firstSave = saveTimes[0]
        let laterSaves = saveTimes.dropFirst().reduce(0, +) / Double(max(1, saveTimes.count - 1))

        let restoreNewest = try best { try cases.restore(manifest: head!, toFile: work + "/newest-out.csv") }
        let restoreNewestNull = try best { try cases.restore(manifest: head!, to: NullSink()) }
        let zstdTest = try best { try run("/usr/bin/zstd", ["-q", "-t", zst]) }
        let restoreOldest = try time { try cases.restore(manifest: head!, version: 1, toFile: work + "/oldest-out.csv") }
        let onDisk = try store.list().reduce(Int64(0)) { $0 + $1.size }

        print("")
        print("uncompressed version          \(mb(size))")
        print("zstd -3 -T1 of newest         \(mb(zstdSize))   \(s(zstdCompress))")
        print("case stored (head manifest)   \(mb(manifest.storedSize))   = \(ratio(manifest.storedSize, zstdSize)) × one zstd -3 copy")
        print("  newest full frame           \(mb(manifest.newest!.storedSize))")
        print("  \(versions - 1) deltas                   \(mb(manifest.storedSize - manifest.newest!.storedSize))")
        print("  zstd -3 --patch-from, same pair as our last delta \(mb(cliDeltaSize)) (ours \(mb(manifest.versions[versions - 2].storedSize)))  \(s(cliDelta)), apply \(s(cliPatch))")
        print("store on disk (incl. superseded full frames gc would collect)  \(mb(onDisk))")
        print("first save                    \(s(firstSave))  = \(String(format: "%.2f", firstSave / zstdCompress)) × zstd -3 -T1")
        print("later saves (mean)            \(s(laterSaves))  = \(String(format: "%.2f", laterSaves / zstdCompress)) × zstd -3 -T1")
        print("zstd -d of newest (best of 3) \(s(zstdDecompress))")
        print("restore newest to file        \(s(restoreNewest))  = \(String(format: "%.2f", restoreNewest / zstdDecompress)) × zstd -d")
        print("restore newest, no output    \(s(restoreNewestNull))  = \(String(format: "%.2f", restoreNewestNull / zstdTest)) × zstd -t (\(s(zstdTest)))")
        print("restore v1 (\(try manifest.chainLength(of: 1)) deltas) to file \(s(restoreOldest))  = \(String(format: "%.2f", restoreOldest / zstdDecompress)) × zstd -d")
        try? FileManager.default.removeItem(atPath: work)
    }

    static func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Best of three runs (the machine is a small, noisy VM).
    static func best(_ body: () throws -> Void) throws -> Double {
        try (0..<3).map { _ in try time(body) }.min()!
    }

    static func mb(_ n: Int64) -> String { String(format: "%8.2f MB", Double(n) / 1e6) }
    static func s(_ t: Double) -> String { String(format: "%6.2f s", t) }
    static func ratio(_ a: Int64, _ b: Int64) -> String { String(format: "%.2f", Double(a) / Double(b)) }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CaseError.invalidArgument("\(tool) failed") }
    }
}

/// Drops what it is given (restore timing without the file system).
final class NullSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws {}
}

/// A CSV-like table (ids, categories, quantities, prices, dates) with rows changed in place.
struct Table {
    var rows: [String] = []
    var rng = SplitMix64(state: 42)
    static let regions = ["north", "south", "east", "west", "central"]
    static let products = ["steel", "copper", "grain", "timber", "coal", "oil", "gas"]

    init(targetBytes: Int) {
        var bytes = 0
        while bytes < targetBytes {
            let r = Self.row(rows.count, &rng)
            bytes += r.utf8.count + 1
            rows.append(r)
        }
    }

    static func row(_ i: Int, _ rng: inout SplitMix64) -> String {
        let region = regions[Int(rng.next() % 5)], product = products[Int(rng.next() % 7)]
        let qty = rng.next() % 100_000, cents = rng.next() % 1_000_000
        return "\(i),\(region),\(product),\(qty),\(cents / 100).\(cents % 100),2024-\(1 + rng.next() % 12)-\(1 + rng.next() % 28)"
    }

    mutating func change(fraction: Double) {
        for _ in 0..<Int(Double(rows.count) * fraction) {
            let i = Int(rng.next() % UInt64(rows.count))
            rows[i] = Self.row(i, &rng)
        }
    }

    func write(to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? h.close() }
        var chunk = ""
        for r in rows {
            chunk += r
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 { try h.write(contentsOf: Data(chunk.utf8)); chunk = "" }
        }
        try h.write(contentsOf: Data(chunk.utf8))
        try h.truncate(atOffset: try h.offset())
    }
}

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
