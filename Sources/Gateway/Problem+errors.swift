import Catalog
import Hummingbird
import Sessions
import Store

/// How errors from the layers below become problems: the catalog's and store's typed errors
/// keep their meaning (404, 409, 400, 403, 422); anything else is nil (a 500, logged).
extension Problem {
    public init?(mapping error: any Error) {
        switch error {
        case let error as CatalogError:
            switch error {
            case .notFound: self = .notFound(error.description)
            case .conflict, .staleFence: self = .conflict(error.description)
            case .invalidArgument: self = .badRequest(error.description)
            case .forbidden: self = .forbidden(error.description)
            case .limitReached: self = .tooManyRequests(retryAfter: 30, detail: "No seat is free: \(error.description).")
            case .quotaExceeded(let exceeded): self = .quotaExceeded(exceeded)
            case .database: return nil
            }
        case let error as StoreError:
            switch error {
            case .digestMismatch, .sizeMismatch: self = .unprocessable(error.description)
            case .invalidDigest, .invalidArgument: self = .badRequest(error.description)
            case .tooLarge(let limit): self = .contentTooLarge(limit: limit)
            case .notFound: self = .notFound(error.description)
            default: return nil
            }
        case let error as PackageError:
            self = .unprocessable("The package was refused: \(error)")
        case let error as LicenseError:
            self = .unprocessable("The license was refused: \(error)")
        case let error as AppSealError:
            self = .unprocessable("The sealed app was refused: \(error)")
        case let error as CaseError:
            self = .unprocessable("The case was refused: \(error)")
        case let error as SessionError:
            switch error {
            case .limitReached(let why):
                self = .tooManyRequests(retryAfter: 30, detail: "No seat is free: \(why). Try again when a session or job ends.")
            case .unlicensed(let why): self = .forbidden(why)
            case .notFound(let what): self = .notFound("No \(what).")
            case .invalidState(let why): self = .conflict(why)
            case .cannotLaunch, .invalidManifest: self = .unprocessable("The app cannot be launched: \(error.userMessage)")
            case .spawnFailed, .notReady, .exitedEarly:
                // The details (paths, exit code, log lines) are in the server's log.
                self = Problem(status: .badGateway,
                               detail: "The app did not start: \(error.userMessage). An administrator can find the details in the server's log.")
            }
        case let error as CaseFormatError:
            self = .unprocessable(error.description)
        case let error as ArchiveError:
            self = .unprocessable("The archive was refused: \(error)")
        case let error as BlockingLaneFull:
            // A bounded lane of the executor refused (nothing ran): try again shortly.
            self = Problem(status: .serviceUnavailable, detail: error.lane == .transfers
                ? "Too many transfers at once; try again shortly." : "The server is busy (\(error.lane)); try again shortly.")
            headers["Retry-After"] = "5"
        case let error as BlockingLaneShareFull:
            // The caller's own share of a lane is spent (their transfers quota); others still get theirs.
            self = .tooManyRequests(retryAfter: 5, detail: error.lane == .transfers
                ? "You already run \(error.share) uploads and downloads at once, your limit (quota 'transfers'; the default is transfersPerUser); try again when one ends."
                : "You already run \(error.share) calls on the \(error.lane) lane, the limit per user; try again when one ends.")
        case is BlockingExecutorShutDown:
            self = Problem(status: .serviceUnavailable, detail: "The server is shutting down.")
        default:
            return nil
        }
    }
}
