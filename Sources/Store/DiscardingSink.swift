/// A sink that drops everything (for verifying decodes, where only the hash matters).
final class DiscardingSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws {}
}
