import HummingbirdCore
import Logging
import NIOCore

/// A listener's child channel whose byte buffers come from ``PagedBufferAllocator``, set before
/// `Base` adds its handlers (NIOSSL allocates its buffers when it is added).
struct PagedBuffersChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base

    init(_ base: Base) {
        self.base = base
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.syncOptions?.setOption(ChannelOptions.allocator, value: PagedBufferAllocator.allocator)
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
