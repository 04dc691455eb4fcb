/// A sink that drops everything (for verifying decodes, where only the hash matters).
public final class DiscardingSink: ByteSink {
    public init() {}
    public func write(_ bytes: UnsafeRawBufferPointer) throws {}
}
