import Foundation
import Store

/// A saved case: one user's named data for one app, with a head manifest in the store and a
/// history of versions.
public struct CaseRecord: Sendable, Hashable, Identifiable {
    public let id: String
    public let app: String
    public let ownerId: String
    /// Free text chosen by the owner, stored verbatim; unique per owner and app.
    public let name: String
    /// The manifest of the newest version.
    public let headDigest: BlobDigest
    public let headNumber: Int64
    public let createdAt: Date
    public let updatedAt: Date
}
