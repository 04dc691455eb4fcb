import Foundation

/// One version in a case's history.
struct GatewayCaseVersion: Sendable, Codable, Equatable {
    var number: Int64
    var size: Int64
    var savedAt: String?
}
