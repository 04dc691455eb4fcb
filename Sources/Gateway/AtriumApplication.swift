import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// What ``buildApplication(_:)`` returns: the Hummingbird application (it forwards
/// `ApplicationProtocol` to it, so `runService()` and `test(.router)` work as usual) plus what
/// callers need to see of the inside: the services, the API route table, and the password of an
/// admin made on this first run (to print once; nil otherwise).
public struct AtriumApplication: ApplicationProtocol {
    public typealias Inner = Application<RouterResponder<AtriumRequestContext>>
    public typealias Responder = Inner.Responder

    public let inner: Inner
    public let atrium: AtriumServices
    public let routes: RouteTable
    public let initialAdminPassword: String?

    public var responder: Responder { get async throws { inner.responder } }
    public var server: HTTPServerBuilder { inner.server }
    public var eventLoopGroup: any EventLoopGroup { inner.eventLoopGroup }
    public var configuration: ApplicationConfiguration { inner.configuration }
    public var logger: Logger { inner.logger }
    public var services: [any Service] { inner.services }
    public var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { inner.processesRunBeforeServerStart }

    @Sendable public func onServerRunning(_ channel: any Channel) async {
        await inner.onServerRunning(channel)
    }
}
