import Foundation

/// Bounds on what a case may hold, so a hostile case cannot exhaust the session.
struct CaseLimits: Sendable {
    var maxBytes = 64 << 20
    var maxSets = 256
    var maxParams = 1024
    var maxMembersPerSet = 200_000
    var maxDims = 8
    var maxEntries = 2_000_000
    /// MathProg's own limit on a symbol's length.
    var maxSymbolBytes = 100

    static let standard = CaseLimits()
}
