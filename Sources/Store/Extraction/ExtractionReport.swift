/// What a successful extraction created.
public struct ExtractionReport: Sendable, Equatable {
    /// Archive entries read (including repeated directory entries and the root `./`).
    public var entries: Int = 0
    /// Regular files created.
    public var files: Int = 0
    /// Directories created, including parents that the archive did not list.
    public var directories: Int = 0
    /// Symbolic and hard links created.
    public var links: Int = 0
    /// Uncompressed bytes written.
    public var bytes: Int64 = 0

    public init(entries: Int = 0, files: Int = 0, directories: Int = 0, links: Int = 0, bytes: Int64 = 0) {
        self.entries = entries
        self.files = files
        self.directories = directories
        self.links = links
        self.bytes = bytes
    }
}
