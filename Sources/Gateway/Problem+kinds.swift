import Hummingbird

/// The problems routes throw most, each with its status and a sentence for the caller.
extension Problem {
    public static func badRequest(_ detail: String) -> Problem { Problem(status: .badRequest, detail: detail) }
    public static func notFound(_ detail: String) -> Problem { Problem(status: .notFound, detail: detail) }
    public static func conflict(_ detail: String) -> Problem { Problem(status: .conflict, detail: detail) }
    public static func forbidden(_ detail: String) -> Problem { Problem(status: .forbidden, detail: detail) }
    public static func unprocessable(_ detail: String) -> Problem { Problem(status: .unprocessableContent, detail: detail) }

    public static func unauthorized(_ detail: String = "Log on or send an API token.") -> Problem {
        var problem = Problem(status: .unauthorized, detail: detail)
        problem.headers["WWW-Authenticate"] = "Bearer realm=\"atrium\""
        return problem
    }

    public static func tooManyRequests(retryAfter seconds: Int, detail: String? = nil) -> Problem {
        var problem = Problem(status: .tooManyRequests, detail: detail ?? "Too many requests; try again in \(seconds) s.")
        problem.headers["Retry-After"] = String(seconds)
        return problem
    }

    public static func unsupportedMediaType(_ expected: String) -> Problem {
        Problem(status: .unsupportedMediaType, detail: "Send the body as \(expected).")
    }

    public static func contentTooLarge(limit: Int64) -> Problem {
        Problem(status: .contentTooLarge, detail: "The body is larger than the limit of \(limit) bytes.")
    }
}
