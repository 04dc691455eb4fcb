import HummingbirdCore
import Logging
import NIOCore

/// A listener's child channel whose byte buffers come from ``PagedBufferAllocator``, set before
/// `Base` adds its handlers (NIOSSL allocates its buffers when it is added); the buffers made
/// then are the connection's ``ConnectionPages``, kept in its pipeline (``ConnectionPagesHandler``).
struct PagedBuffersChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base

    init(_ base: Base) {
        self.base = base
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let pages = ConnectionPages()
        do {
            try channel.syncOptions?.setOption(ChannelOptions.allocator, value: PagedBufferAllocator.allocator)
            try channel.pipeline.syncOperations.addHandler(ConnectionPagesHandler(pages))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return pages.adopting { base.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
