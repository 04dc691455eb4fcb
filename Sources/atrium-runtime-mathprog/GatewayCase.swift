import Foundation

/// A case as the gateway's API shows it (the fields this runtime uses).
struct GatewayCase: Sendable, Codable, Equatable {
    var id: String
    var name: String
    var headNumber: Int64
    var headDigest: String
    var updatedAt: String?
}
