import HTTPTypes

/// What the matrix expects of one route for one caller.
enum MatrixOutcome: Sendable, Equatable, CustomStringConvertible {
    /// Passed every check: any status but 401, 403 and 404, and not a server error.
    case ok
    /// 401: log on first.
    case anon
    /// 403: logged on, but not allowed.
    case denied
    /// 404: the object is hidden from this caller.
    case hidden

    func matches(_ status: HTTPResponse.Status) -> Bool {
        switch self {
        case .ok: status.code < 500 && ![401, 403, 404].contains(status.code)
        case .anon: status == .unauthorized
        case .denied: status == .forbidden
        case .hidden: status == .notFound
        }
    }

    var description: String {
        switch self {
        case .ok: "ok"
        case .anon: "401"
        case .denied: "403"
        case .hidden: "404"
        }
    }
}
