/// A stream of bytes read in chunks. Everything in the store streams through this so that no
/// object ever has to fit in memory.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; returns how many, 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads everything that is left. For small objects (manifests, statements) only.
    public func readAll(limit: Int = 64 << 20) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return result }
            guard result.count + n <= limit else { throw StoreError.tooLarge(limit: Int64(limit)) }
            result.append(contentsOf: chunk[0..<n])
        }
    }

    /// Copies the whole source into `sink`, in chunks of `chunkSize` bytes; returns the byte count.
    @discardableResult
    public func copy(to sink: ByteSink, chunkSize: Int = 1 << 20, progress: ((Int64) -> Void)? = nil) throws -> Int64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let n = try read(into: buffer)
            if n == 0 { return total }
            try sink.write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += Int64(n)
            progress?(total)
        }
    }
}
