import ServiceLifecycle

/// Scheduled store gc in the application's service group: every `gcIntervalSeconds` (the first
/// run one interval after start) it asks ``StoreCollector`` to collect; a cluster node that is not
/// master skips. Graceful shutdown cancels the wait, or stops a running sweep before its next
/// deletion.
public struct StoreGCService: Service {
    let collector: StoreCollector
    let interval: Duration

    public init(collector: StoreCollector, interval: Duration) {
        self.collector = collector
        self.interval = interval
    }

    public func run() async throws {
        let collector = self.collector, interval = self.interval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                await collector.scheduled()
            }
        }
    }
}
