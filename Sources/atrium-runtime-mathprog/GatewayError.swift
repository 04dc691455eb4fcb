import Foundation

/// A gateway call that did not succeed. `description` is what the user is shown: the gateway's
/// problem `detail` when it sent one.
enum GatewayError: Error, CustomStringConvertible {
    /// The gateway answered with an error (`application/problem+json`).
    case problem(status: Int, title: String, detail: String)
    /// The gateway could not be reached or the exchange broke.
    case transport(String)
    /// The gateway answered something this runtime cannot read.
    case unexpected(String)
    /// The session has no gateway API configured.
    case notConfigured

    var description: String {
        switch self {
        case .problem(_, let title, let detail): detail.isEmpty ? title : detail
        case .transport(let why): "The gateway cannot be reached: \(why)"
        case .unexpected(let why): "The gateway's answer is not understood: \(why)"
        case .notConfigured: "This session has no gateway API (ATRIUM_API_URL is not set)."
        }
    }
}
