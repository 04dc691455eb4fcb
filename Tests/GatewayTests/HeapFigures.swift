import Foundation
@testable import Gateway

/// malloc's own figures for this process, for a benchmark's breakdown and for tests that look for
/// memory left behind.
enum HeapFigures {
    /// malloc's figures for the whole process (all arenas, from `malloc_info`), in KiB: bytes in
    /// use, bytes free in its heaps (resident once touched), bytes in chunks mapped on their own.
    static func now() -> (inUseKiB: Int, freeKiB: Int, mappedKiB: Int) {
        typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_info") else { return (0, 0, 0) }
        var text: UnsafeMutablePointer<CChar>?
        var length = 0
        guard let stream = open_memstream(&text, &length) else { return (0, 0, 0) }
        _ = unsafeBitCast(symbol, to: MallocInfo.self)(0, stream)
        fclose(stream)
        guard let text else { return (0, 0, 0) }
        defer { free(text) }
        let xml = String(cString: text)
        // The process's totals follow the last arena's </heap>.
        let totals = xml.range(of: "</heap>", options: .backwards).map { String(xml[$0.upperBound...]) } ?? xml
        func bytes(_ tag: String, _ type: String) -> Int {
            guard let at = totals.range(of: "<\(tag) type=\"\(type)\""),
                  let open = totals.range(of: "size=\"", range: at.upperBound..<totals.endIndex),
                  let close = totals.range(of: "\"", range: open.upperBound..<totals.endIndex) else { return 0 }
            return Int(totals[open.upperBound..<close.lowerBound]) ?? 0
        }
        let unused = bytes("total", "fast") + bytes("total", "rest")
        return ((bytes("system", "current") - unused) / 1024, unused / 1024, bytes("total", "mmap") / 1024)
    }

    /// Gives malloc's free pages back to the system (`malloc_trim(0)`).
    static func trim() {
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }

    /// Memory this process holds for its allocations, in KiB: malloc's bytes in use and mapped
    /// chunks, and the pages of ``PagedBufferAllocator``; the least of five readings 100 ms apart.
    static func liveKiB() async -> Int {
        var least = Int.max
        for reading in 0..<5 {
            if reading > 0 { try? await Task.sleep(for: .milliseconds(100)) }
            let heap = now()
            least = min(least, heap.inUseKiB + heap.mappedKiB + PagedBufferAllocator.mappedBytes.load(ordering: .relaxed) / 1024)
        }
        return least
    }
}
