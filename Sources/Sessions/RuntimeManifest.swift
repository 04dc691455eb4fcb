import Foundation

/// `atrium-runtime.json` at the root of a runtime package (docs/runtime.md).
public struct RuntimeManifest: Codable, Sendable, Hashable {
    public static let fileName = "atrium-runtime.json"
    public static let sizeLimit = 64 << 10

    public var name: String
    public var version: String
    /// argv of a data session.
    public var serve: [String]
    /// argv of an optimization session; nil when the runtime cannot solve.
    public var solve: [String]?
    /// Path probed for readiness (default `/healthz`).
    public var readyPath: String?
    /// Seconds between SIGTERM and SIGKILL (default 10, at most 60).
    public var stopGraceSeconds: Int?
    /// What a case of this runtime's apps is: `json` makes the gateway refuse an upload that is
    /// not a JSON object or array in UTF-8 (random bytes, a binary file) before anything is
    /// stored; nil accepts any bytes and leaves the check to the runtime.
    public var caseFormat: String?
    /// The runtime's declaration that it needs the network (a solver's licence server), with the
    /// reason an admin reads before allowing it for this package; nil: no network at all.
    /// Declaring is not enough: an admin must allow it per package (name@version).
    public var network: NetworkDeclaration?

    /// `"network": {"reason": "…"}`: why the runtime needs the network.
    public struct NetworkDeclaration: Codable, Sendable, Hashable {
        /// What it connects to and why, in words for the admin (1–500 characters, one line).
        public var reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    /// The case formats the gateway can check.
    public static let caseFormats: Set<String> = ["json"]

    public init(name: String, version: String, serve: [String], solve: [String]? = nil,
                readyPath: String? = nil, stopGraceSeconds: Int? = nil, network: NetworkDeclaration? = nil) {
        self.name = name
        self.version = version
        self.serve = serve
        self.solve = solve
        self.readyPath = readyPath
        self.stopGraceSeconds = stopGraceSeconds
        self.network = network
    }

    public var effectiveReadyPath: String { readyPath ?? "/healthz" }
    public var stopGrace: Duration { .seconds(stopGraceSeconds ?? 10) }

    /// Reads and validates the manifest of an extracted package, which must be `name@version`.
    public static func load(packageDirectory: String, name: String, version: String) throws -> RuntimeManifest {
        let path = packageDirectory + "/" + fileName
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw SessionError.invalidManifest("the package has no \(fileName) at its root")
        }
        guard let size = attributes[.size] as? Int, size <= sizeLimit, let data = FileManager.default.contents(atPath: path) else {
            throw SessionError.invalidManifest("\(fileName) is larger than \(sizeLimit) bytes")
        }
        let manifest: RuntimeManifest
        do {
            manifest = try JSONDecoder().decode(RuntimeManifest.self, from: data)
        } catch {
            throw SessionError.invalidManifest("\(fileName) is not valid: \(error)")
        }
        try manifest.validate(name: name, version: version)
        return manifest
    }

    public func validate(name expectedName: String, version expectedVersion: String) throws {
        guard name == expectedName, version == expectedVersion else {
            throw SessionError.invalidManifest("it names \(name)@\(version) but the signed package is \(expectedName)@\(expectedVersion)")
        }
        for (label, argv) in [("serve", serve), ("solve", solve ?? ["-"])] {
            guard let first = argv.first, !first.isEmpty else { throw SessionError.invalidManifest("'\(label)' is empty") }
            guard !first.hasPrefix("/") else { throw SessionError.invalidManifest("'\(label)' names an absolute path") }
            guard !first.split(separator: "/").contains("..") else {
                throw SessionError.invalidManifest("'\(label)' leaves the package")
            }
            guard argv.count <= 256, argv.allSatisfy({ $0.utf8.count <= 4096 && !$0.contains("\0") }) else {
                throw SessionError.invalidManifest("'\(label)' has too many or too long arguments")
            }
        }
        if let readyPath, !readyPath.hasPrefix("/") || readyPath.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw SessionError.invalidManifest("'readyPath' must be an absolute path without spaces")
        }
        if let stopGraceSeconds, !(0...60).contains(stopGraceSeconds) {
            throw SessionError.invalidManifest("'stopGraceSeconds' must be between 0 and 60")
        }
        if let caseFormat, !Self.caseFormats.contains(caseFormat) {
            throw SessionError.invalidManifest("'caseFormat' must be one of: \(Self.caseFormats.sorted().joined(separator: ", "))")
        }
        if let network {
            let reason = network.reason.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty, reason.count <= 500, !reason.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
                throw SessionError.invalidManifest("'network.reason' must say in one line of at most 500 characters why the runtime needs the network")
            }
        }
    }
}
