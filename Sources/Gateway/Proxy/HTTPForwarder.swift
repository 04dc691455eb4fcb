import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import Sessions

/// Forwards one HTTP request to a session and streams the answer back, bodies both ways as they
/// come (neither is held in memory).
struct HTTPForwarder: Sendable {
    let client: SessionProxyClient

    func forward(_ request: Request, context: AtriumRequestContext, path: ProxyPath, target: ProxyTarget) async throws -> Response {
        var outbound = HTTPClientRequest(url: "http://\(target.host):\(target.port)\(path.target)")
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        outbound.headers = ProxyHeaders.request(request.headers, authority: request.head.authority, path: path, secret: target.secret,
                                                remoteAddress: context.remoteAddress)
        if let length = request.headers[.contentLength].flatMap(Int64.init) {
            if length > 0 { outbound.body = .stream(request.body, length: .known(length)) }
        } else if request.headers[.transferEncoding] != nil {
            outbound.body = .stream(request.body, length: .unknown)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.http().execute(outbound, timeout: .nanoseconds(client.configuration.responseTimeout.nanoseconds),
                                                    logger: context.logger)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw Problem(status: .gatewayTimeout, detail: "The session did not answer in time.")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.debug("proxied request failed", metadata: ["error.type": "\(type(of: error))", "session": "\(target.sessionId)"])
            throw Problem(status: .badGateway, detail: "The session is not answering.")
        }
        let status = HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase)
        return Response(status: status, headers: ProxyHeaders.response(response.headers), body: ResponseBody(asyncSequence: response.body))
    }
}
