import Foundation

/// The server's private app keys by id. Keys rotate by adding a new one: apps sealed to an older
/// key still open as long as that key stays in the keyring (the header names the key id).
public struct AppKeyring: Sendable {
    private var byId: [String: AppKeyPair] = [:]

    public init() {}

    public init(keys: [AppKeyPair]) throws {
        for key in keys { try add(key) }
    }

    /// Ids of all keys, sorted.
    public var ids: [String] { byId.keys.sorted() }

    public func key(id: String) -> AppKeyPair? { byId[id] }

    /// Adds `key`; the same key again changes nothing, another key with its id cannot exist
    /// (ids derive from the key) but is refused all the same.
    public mutating func add(_ key: AppKeyPair) throws {
        if let existing = byId[key.id] {
            guard existing.privateKey.rawRepresentation == key.privateKey.rawRepresentation else {
                throw KeyError.duplicateKeyId(key.id)
            }
            return
        }
        byId[key.id] = key
    }

    /// Loads every `*.json` file in `directory` that is an app private key file. Files of other
    /// key kinds (public keys kept beside them) are skipped; unreadable files are errors, so a
    /// damaged key is noticed rather than silently missing.
    public static func load(directory: String) throws -> AppKeyring {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw KeyError.malformedKeyFile("cannot list \(directory): \(error)")
        }
        var ring = AppKeyring()
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let bytes = try KeyFile.readBytes(directory + "/" + name)
            do {
                try ring.add(AppKeyPair(fileJSON: bytes))
            } catch KeyError.wrongKind(_, let found) where found.hasPrefix("atrium-") {
                continue
            } catch let error as KeyError {
                throw KeyError.malformedKeyFile("\(directory)/\(name): \(error)")
            }
        }
        return ring
    }
}
