import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore

/// A WebSocket client kept open in the background: what it receives is collected, what is sent
/// goes out in order.
final class TestSocket: Sendable {
    actor Inbox {
        var messages: [(type: String, text: String)] = []
        var closed = false
        func add(_ text: String) {
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            messages.append((object?["type"] as? String ?? "", text))
        }
        func close() { closed = true }
        func count(_ type: String) -> Int { messages.filter { $0.type == type }.count }
        func nth(_ type: String, _ index: Int) -> String? {
            let matching = messages.filter { $0.type == type }
            return index < matching.count ? matching[index].text : nil
        }
    }

    let inbox: Inbox
    private let outgoing: AsyncStream<String>.Continuation
    private let task: Task<Void, any Error>

    init(url: String, headers: HTTPFields) {
        let (stream, continuation) = AsyncStream<String>.makeStream()
        outgoing = continuation
        let inbox = Inbox()
        self.inbox = inbox
        task = Task {
            defer { Task { await inbox.close() } }
            try await WebSocketClient.connect(url: url, configuration: .init(maxFrameSize: 1 << 24, additionalHeaders: headers),
                                              logger: Logger(label: "test-socket")) { inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { for await text in stream { try await outbound.write(.text(text)) } }
                    for try await message in inbound.messages(maxSize: 1 << 24) {
                        if case .text(let text) = message { await inbox.add(text) }
                    }
                    group.cancelAll()
                }
            }
        }
    }

    func send(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object)
        outgoing.yield(String(decoding: data, as: UTF8.self))
    }

    /// Sends `text` as it is (JSON that JSONSerialization would not write, such as `1e309`).
    func sendText(_ text: String) { outgoing.yield(text) }

    /// Every message received so far, oldest first.
    func types() async -> [String] { await inbox.messages.map(\.type) }

    /// The `index`th message of `type` (0-based), waiting up to `timeout`.
    func next(_ type: String, index: Int = 0, timeout: Duration = .seconds(45)) async -> [String: Any]? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = await inbox.nth(type, index) {
                return try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            }
            if await inbox.closed { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func count(_ type: String) async -> Int { await inbox.count(type) }

    func close() {
        outgoing.finish()
        task.cancel()
    }
}
