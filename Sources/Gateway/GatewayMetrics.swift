import Foundation
import Prometheus
import Synchronization

/// The gateway's Prometheus registry: one per application (not the global `MetricsSystem`, which
/// can be bootstrapped only once per process and would mix the tests' applications).
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// Pages mapped now for the HTTPS connections' TLS buffers (``PagedBufferAllocator``), read
    /// when the metrics are asked for. The figure is the process's (one gateway per process).
    private let tlsBufferPages: Gauge
    /// Times a quiet proxied socket gave its TLS buffers' pages back (``ConnectionPages``),
    /// brought up to date when the metrics are asked for; `pageReleasesSeen` is the count then.
    private let tlsBufferPageReleases: Counter
    private let pageReleasesSeen = Mutex(0)

    /// Histogram buckets for request durations (the Prometheus client defaults).
    static let buckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    public init(startTime: Date = Date()) {
        registry = PrometheusCollectorRegistry()
        registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "process", metricName: "start_time", unitName: "seconds",
            helpText: "Start time of the process since the Unix epoch in seconds."
        )).set(startTime.timeIntervalSince1970)
        tlsBufferPages = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "tls", metricName: "buffer_pages", unitName: "bytes",
            helpText: "Bytes mapped now for the TLS buffers of open HTTPS connections."
        ))
        tlsBufferPageReleases = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "tls", metricName: "buffer_page_releases", unitName: "total",
            helpText: "Times a quiet proxied socket gave its TLS buffers' pages back to the system."
        ))
        pageReleasesSeen.withLock { $0 = ConnectionPages.released.load(ordering: .relaxed) }
    }

    /// Counts one finished request and records its duration.
    public func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by method, route and status."
        ), labels: labels).increment()
        registry.makeDurationHistogram(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time to answer HTTP requests, by method, route and status."
        ), labels: labels, buckets: Self.buckets).record(duration)
    }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> String {
        tlsBufferPages.set(Double(PagedBufferAllocator.mappedBytes.load(ordering: .relaxed)))
        let released = ConnectionPages.released.load(ordering: .relaxed)
        let new = pageReleasesSeen.withLock { seen in
            defer { seen = max(seen, released) }
            return max(0, released - seen)
        }
        if new > 0 { tlsBufferPageReleases.increment(by: Int64(new)) }
        return registry.emitToString()
    }
}
