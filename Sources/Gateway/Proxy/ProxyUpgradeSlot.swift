import NIOConcurrencyHelpers
import NIOCore

/// Carries a proxied WebSocket from the WebSocket router's route, where the upgrade is
/// authorised behind the same middleware as any request, to the listener's upgrader, which
/// answers 101 and joins the browser's channel to it (``ProxyUpgradeChannel``). The upgrader puts
/// one in the request context; the route fills it.
final class ProxyUpgradeSlot: Sendable {
    /// The browser's channel, not upgraded yet.
    let channel: any Channel
    private let socket = NIOLockedValueBox<ProxiedSocket?>(nil)
    private let problem = NIOLockedValueBox<Problem?>(nil)

    init(channel: any Channel) {
        self.channel = channel
    }

    func fill(_ socket: ProxiedSocket) {
        self.socket.withLockedValue { $0 = socket }
    }

    var value: ProxiedSocket? { socket.withLockedValue { $0 } }

    /// The request is not upgraded but answered with `problem` (the user's `webSockets` quota).
    func answer(_ problem: Problem) {
        self.problem.withLockedValue { $0 = problem }
    }

    var answer: Problem? { problem.withLockedValue { $0 } }
}
