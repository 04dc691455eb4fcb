import Foundation
import Store

/// One version in a case's history.
public struct CaseVersionRecord: Sendable, Hashable {
    public let number: Int64
    public let manifestDigest: BlobDigest
    public let size: Int64
    public let savedBy: String
    public let savedAt: Date
}
