import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A client connection that sends exactly the bytes a test gives, when it gives them, over TLS
/// or plain TCP, and keeps what it receives: for clients that trickle, stall or stop reading.
final class RawConnection: Sendable {
    let channel: any Channel
    private let collector: Collector

    /// Connects to `127.0.0.1:port` (TLS without checking the certificate unless `tls` is false);
    /// `receiveBuffer` shrinks the socket's receive buffer (a client that stops reading then holds
    /// the server's writes sooner).
    static func open(port: Int, tls: Bool = true, receiveBuffer: Int32? = nil) async throws -> RawConnection {
        let collector = Collector()
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let receiveBuffer { bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer)) }
        let channel = try await bootstrap.channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                if tls { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil)) }
                try channel.pipeline.syncOperations.addHandler(collector)
            }
        }.connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, collector: collector)
    }

    private init(channel: any Channel, collector: Collector) {
        self.channel = channel
        self.collector = collector
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// What arrived so far.
    var received: [UInt8] { collector.bytes.withLock { $0 } }
    var receivedText: String { String(decoding: received, as: UTF8.self) }
    /// The status code of the response that arrived first, if its status line did.
    var status: Int? {
        let text = receivedText
        guard text.hasPrefix("HTTP/1.1 "), text.count >= 12 else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
    /// The bytes after the first response's head (empty until the head has ended).
    var body: ArraySlice<UInt8> {
        let bytes = received
        guard let end = bytes.indices.dropLast(3).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 })
        else { return [] }
        return bytes[(end + 4)...]
    }
    /// How many body bytes arrived.
    var bodyCount: Int { body.count }

    var isOpen: Bool { collector.open.withLock { $0 } }

    /// Stops or resumes reading from the socket (the server's writes pile up in the meantime).
    func reading(_ on: Bool) async throws {
        try await channel.setOption(ChannelOptions.autoRead, value: on).get()
        if on { channel.read() }
    }

    /// Waits until the server closed the connection, at most `bound`; whether it did.
    func closedByServer(within bound: Duration) async -> Bool {
        let deadline = ContinuousClock.now + bound
        while isOpen, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return !isOpen
    }

    func close() {
        channel.close(promise: nil)
    }

    /// Keeps what arrives and notes the end of the connection.
    private final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let bytes = Mutex<[UInt8]>([])
        let open = Mutex(true)

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes.withLock { $0 += buffer.readableBytesView }
        }

        func channelInactive(context: ChannelHandlerContext) {
            open.withLock { $0 = false }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
