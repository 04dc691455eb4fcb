import Foundation

/// Live progress of running jobs for whoever watches (the portal's event stream): each job's
/// lines fan out to its subscribers. Nothing is kept here; the catalog keeps the last progress
/// and the store keeps the log.
public actor JobEvents {
    public enum Event: Sendable, Hashable {
        case progress(String)
        case state(String)
    }

    private var subscribers: [String: [UUID: AsyncStream<Event>.Continuation]] = [:]

    public init() {}

    public func subscribe(job: String) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let key = UUID()
        subscribers[job, default: [:]][key] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(job: job, key: key) } }
        return stream
    }

    public func publish(job: String, _ event: Event) {
        for continuation in subscribers[job]?.values ?? [:].values { continuation.yield(event) }
    }

    /// Ends every subscription of a job (it finished).
    public func close(job: String) {
        for continuation in subscribers[job]?.values ?? [:].values { continuation.finish() }
        subscribers[job] = nil
    }

    private func unsubscribe(job: String, key: UUID) {
        subscribers[job]?[key] = nil
        if subscribers[job]?.isEmpty == true { subscribers[job] = nil }
    }
}
