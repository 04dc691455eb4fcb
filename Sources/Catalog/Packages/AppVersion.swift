import Foundation
import Store

/// One uploaded version of an app: the sealed archive blob and the runtime package it runs on.
public struct AppVersion: Sendable, Hashable {
    public let app: String
    public let version: String
    /// The sealed app archive in the store.
    public let sealedDigest: BlobDigest
    public let runtimeName: String
    public let runtimeVersion: String
    /// Hidden versions are not listed for users and cannot become `latest`.
    public let hidden: Bool
    public let isLatest: Bool
    public let uploadedBy: String
    public let uploadedAt: Date
}
