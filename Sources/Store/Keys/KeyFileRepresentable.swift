#if canImport(Glibc)
import Glibc
#endif

/// A key that lives in a `KeyFile`: loading and writing are the same for every kind of key.
public protocol KeyFileRepresentable: Sendable {
    /// Parses the key file's bytes, checking its kind and that its id matches its key.
    init(fileJSON bytes: [UInt8]) throws
    /// The key file's bytes.
    func fileJSON() throws -> [UInt8]
    /// 0600 for private keys, 0644 for public ones.
    static var fileMode: mode_t { get }
}

extension KeyFileRepresentable {
    public static func load(fromFile path: String) throws -> Self {
        try Self(fileJSON: KeyFile.readBytes(path))
    }

    /// Writes the key file to `path`, which must not exist yet, with `mode` (default `fileMode`;
    /// the server's own keys are all ``OwnerOnly/fileMode``, public halves too).
    public func write(toFile path: String, mode: mode_t = Self.fileMode) throws {
        try KeyFile.writeNew(fileJSON(), to: path, mode: mode)
    }
}
