import Hummingbird
import Logging

/// Turns every error thrown below it into an `application/problem+json` response. Hummingbird's
/// own `HTTPError`s (404 for unknown routes, 400s from decoding) keep their status and message;
/// any other error becomes a 500 whose body says nothing about the cause, which is logged instead.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error where Problem(mapping: error) != nil {
            return try Problem(mapping: error)!.response(from: request, context: context)
        } catch let error as HTTPError {
            var response = try Problem(status: error.status, detail: error.body).response(from: request, context: context)
            for field in error.headers where field.name != .contentType && field.name != .contentLength {
                response.headers.append(field)
            }
            return response
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return try Problem(status: error.status).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            return try Problem(status: .internalServerError, detail: "The server could not complete the request.")
                .response(from: request, context: context)
        }
    }
}
