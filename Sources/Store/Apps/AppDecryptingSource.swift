/// Decrypts a sealed app's chunks as they are read. A record is ciphertext ‖ tag of
/// `chunkSize + 16` bytes; the source reads one byte past each record to learn whether it is the
/// last (end of input follows) and decrypts it with that flag. No plaintext of a chunk is handed
/// out before the chunk authenticated. After a failure every further read throws the same error.
final class AppDecryptingSource: ByteSource {
    private let sealed: ByteSource
    private let cipher: AppChunkCipher
    private let recordSize: Int
    /// Ciphertext read ahead: `buffer[0..<filled]`, at most one record plus one byte.
    private var buffer: [UInt8]
    private var filled = 0
    private var plain: [UInt8] = []
    private var plainOffset = 0
    private var counter: UInt32 = 0
    private var finished = false
    private var failure: AppSealError?

    init(sealed: ByteSource, cipher: AppChunkCipher, chunkSize: Int) {
        self.sealed = sealed
        self.cipher = cipher
        self.recordSize = chunkSize + AppChunkCipher.tagSize
        self.buffer = [UInt8](repeating: 0, count: recordSize + 1)
    }

    func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failure { throw failure }
        while plainOffset == plain.count {
            if finished { return 0 }
            do {
                try nextChunk()
            } catch let error as AppSealError {
                failure = error
                throw error
            }
        }
        let n = min(target.count, plain.count - plainOffset)
        plain.withUnsafeBytes { src in
            target.baseAddress!.copyMemory(from: src.baseAddress! + plainOffset, byteCount: n)
        }
        plainOffset += n
        return n
    }

    /// Reads and decrypts the next record into `plain`.
    private func nextChunk() throws {
        while filled < buffer.count {
            let n = try buffer.withUnsafeMutableBytes { try sealed.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
        }
        let index = Int(counter)
        let last = filled <= recordSize
        let record = buffer[0..<(last ? filled : recordSize)]
        if last && record.count < AppChunkCipher.tagSize { throw AppSealError.truncated(chunk: index) }

        guard let opened = cipher.open(record, counter: counter, last: last) else {
            // Tell the likely cause from the other flag: a non-last chunk at the end means the
            // real last chunk is gone; a last chunk followed by more means data was appended.
            if cipher.open(record, counter: counter, last: !last) != nil {
                throw last ? AppSealError.truncated(chunk: index + 1) : AppSealError.trailingData(chunk: index)
            }
            throw AppSealError.chunkAuthenticationFailed(chunk: index)
        }
        plain = opened
        plainOffset = 0
        if last {
            finished = true
            filled = 0
        } else {
            guard counter < UInt32.max else { throw AppSealError.tooLarge }
            counter += 1
            buffer[0] = buffer[recordSize]
            filled = 1
        }
    }
}
