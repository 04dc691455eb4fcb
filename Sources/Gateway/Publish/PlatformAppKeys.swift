import Foundation
import Logging
import Store

/// The platform's app keys: sealed app versions are sealed (HPKE) to the current public key and
/// opened with the keyring, which holds every key in `<data>/keys/` so versions sealed to an
/// older key still open after a rotation.
///
/// Private key files are `app-<UTC time>-<id>.key.json` with the public half beside them as
/// `.pub.json` (both mode 0600, the directory 0700); the newest private key is the current one. Key
/// material is never logged, only ids.
public struct PlatformAppKeys: Sendable {
    public let keyring: AppKeyring
    /// The key publishers seal new versions to.
    public let current: AppPublicKey

    public init(keyring: AppKeyring, current: AppPublicKey) {
        self.keyring = keyring
        self.current = current
    }

    /// Loads the keys in `directory`, first creating it and a key pair when it holds none.
    public static func loadOrCreate(directory: String, logger: Logger, now: Date = Date()) throws -> PlatformAppKeys {
        if !FileManager.default.fileExists(atPath: directory) {
            try OwnerOnly.makeDirectories(directory)
        }
        if try newestPrivateKeyFile(in: directory) == nil {
            let pair = AppKeyPair.generate(name: "atrium-platform")
            let stem = directory + "/app-" + timestamp(now) + "-" + pair.id
            try pair.write(toFile: stem + ".key.json", mode: OwnerOnly.fileMode)
            try pair.publicKey.write(toFile: stem + ".pub.json", mode: OwnerOnly.fileMode)
            logger.notice("made the platform app key", metadata: ["keyId": "\(pair.id)", "directory": "\(directory)"])
        }
        let keyring = try AppKeyring.load(directory: directory)
        guard let newest = try newestPrivateKeyFile(in: directory) else {
            throw KeyError.malformedKeyFile("no app private key in \(directory)")
        }
        let current = try AppKeyPair.load(fromFile: directory + "/" + newest).publicKey
        logger.info("loaded the platform app keys", metadata: ["keys": "\(keyring.ids.count)", "current": "\(current.id)"])
        return PlatformAppKeys(keyring: keyring, current: current)
    }

    /// The name of the newest `app-*.key.json` file (names sort by creation time), or nil.
    static func newestPrivateKeyFile(in directory: String) throws -> String? {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("app-") && $0.hasSuffix(".key.json") }
            .max()
    }

    /// `20261129T122345Z`: sorts in time order.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
