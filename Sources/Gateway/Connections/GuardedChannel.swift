import HummingbirdCore
import Logging
import NIOCore

/// A listener's child channel with a ``ConnectionWatch`` in front of its HTTP handlers (after
/// TLS, when `Base` is wrapped in it): every connection gets the header timeout and the transfer
/// stall check of ``ConnectionSettings``. `Base`'s HTTP configuration must carry
/// ``RequestBoundaries`` and the idle timeout (``ConnectionSettings/http1``).
struct GuardedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let settings: ConnectionSettings

    init(_ base: Base, _ settings: ConnectionSettings) {
        self.base = base
        self.settings = settings
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionWatch(
                header: ConnectionSettings.amount(settings.headerSeconds), transferIdle: ConnectionSettings.amount(settings.transferIdleSeconds), logger: logger
            ))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension ConnectionSettings {
    /// `seconds` (decimals allowed) as NIO's time.
    static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64((seconds * 1_000_000_000).rounded()))
    }

    /// The HTTP/1 configuration of every listener: the idle timeout and ``RequestBoundaries``.
    var http1: HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(additionalChannelHandlers: [RequestBoundaries()], idleTimeout: Self.amount(idleSeconds))
    }
}
