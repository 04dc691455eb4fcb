import Foundation
import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import Sessions

/// Forwards one HTTP request to a session, or to the node that runs it, and streams the answer
/// back, bodies both ways as they come (neither is held in memory).
struct HTTPForwarder: Sendable {
    let client: SessionProxyClient
    /// Calls other nodes (HTTPS, cluster trust).
    let cluster: SessionProxyClient
    let clusterSecret: String?

    func forward(_ request: Request, context: AtriumRequestContext, path: ProxyPath, route: ProxyRoute) async throws -> Response {
        switch route {
        case .local(let target):
            let headers = ProxyHeaders.request(request.headers, authority: request.head.authority, path: path, secret: target.secret,
                                               remoteAddress: context.remoteAddress)
            return try await send(request, context: context, url: Self.url(socketPath: target.socketPath, target: path.target), headers: headers,
                                  client: client, sessionId: target.sessionId, failure: "The session is not answering.")
        case .remote(let target):
            guard let clusterSecret else { throw RemoteSessions.noSecret }
            let headers = ProxyHeaders.cluster(request.headers, authority: request.head.authority, secret: clusterSecret, userId: target.userId)
            return try await send(request, context: context, url: target.url(path, webSocket: false), headers: headers,
                                  client: cluster, sessionId: target.sessionId, failure: "The session's node is not answering.")
        }
    }

    /// AsyncHTTPClient's form for HTTP over a Unix socket: the socket's path, percent-encoded, as the host.
    static func url(socketPath: String, target: String) -> String {
        "http+unix://" + (socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + target
    }

    private func send(_ request: Request, context: AtriumRequestContext, url: String, headers: HTTPHeaders, client: SessionProxyClient,
                      sessionId: String, failure: String) async throws -> Response {
        var outbound = HTTPClientRequest(url: url)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        outbound.headers = headers
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
            context.logger.debug("proxied request failed", metadata: ["error.type": "\(type(of: error))", "session": "\(sessionId)",
                                                                      "error": "\(error)"])
            throw Problem(status: .badGateway, detail: failure)
        }
        let status = HTTPResponse.Status(code: Int(response.status.code), reasonPhrase: response.status.reasonPhrase)
        return Response(status: status, headers: ProxyHeaders.response(response.headers), body: ResponseBody(asyncSequence: response.body))
    }
}
