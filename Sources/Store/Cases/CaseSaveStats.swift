/// What a save cost.
public struct CaseSaveStats: Sendable, Equatable {
    /// Uncompressed bytes read from the source.
    public var inputBytes: Int64
    /// Bytes of the blobs this save wrote: the new full frame, the delta it made of the previous
    /// version (if any) and the manifest. (A blob already in the store counts too.)
    public var storedBytesAdded: Int64
    /// Wall-clock time of the whole save.
    public var elapsed: Duration

    public init(inputBytes: Int64, storedBytesAdded: Int64, elapsed: Duration) {
        self.inputBytes = inputBytes
        self.storedBytesAdded = storedBytesAdded
        self.elapsed = elapsed
    }
}
