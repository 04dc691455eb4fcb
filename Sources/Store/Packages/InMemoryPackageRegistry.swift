import Synchronization

/// A `PackageRegistry` in memory, for tests and tools that need no persistence.
public final class InMemoryPackageRegistry: PackageRegistry {
    private let entries = Mutex<[String: BlobDigest]>([:])

    public init() {}

    public func lookup(name: String, version: String) throws -> BlobDigest? {
        entries.withLock { $0[name + "@" + version] }
    }

    public func register(name: String, version: String, envelope: BlobDigest) throws {
        for text in [name, version] where !NameRule.isValid(text) { throw PackageError.invalidName(text) }
        try entries.withLock { table in
            if let existing = table[name + "@" + version] {
                guard existing == envelope else { throw PackageError.conflictingPackage(name: name, version: version) }
                return
            }
            table[name + "@" + version] = envelope
        }
    }
}
