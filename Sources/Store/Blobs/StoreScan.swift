import Foundation

/// A full listing of a backend: valid blob names, files that do not belong, and in-flight writes.
public struct StoreScan: Sendable {
    public struct Leftover: Sendable, Hashable, Codable {
        public let path: String
        public let size: Int64
        public let modified: Date
        public init(path: String, size: Int64, modified: Date) {
            self.path = path
            self.size = size
            self.modified = modified
        }
    }

    public var blobs: [BlobInfo]
    /// Files under `blobs/` whose name or place is not a valid blob name.
    public var strays: [Leftover]
    /// Files under `tmp/`: writes in flight, or abandoned by a crashed writer.
    public var temporaries: [Leftover]

    public init(blobs: [BlobInfo] = [], strays: [Leftover] = [], temporaries: [Leftover] = []) {
        self.blobs = blobs
        self.strays = strays
        self.temporaries = temporaries
    }
}
