import Catalog
import Foundation

extension RuntimeCache {
    /// The `caseFormat` the runtime of `app`'s latest version declares (verified and extracted
    /// as for a launch), or nil when it declares none or cannot be read (no version, package
    /// missing or refused): such an upload is not checked here, and a launch reports the reason.
    public func caseFormat(app: String) async -> String? {
        guard let record = try? await catalog.app(named: app), let latest = record.latestVersion,
              let version = try? await catalog.version(app: app, version: latest),
              let prepared = try? await prepare(name: version.runtimeName, version: version.runtimeVersion) else { return nil }
        return prepared.manifest.caseFormat
    }
}
