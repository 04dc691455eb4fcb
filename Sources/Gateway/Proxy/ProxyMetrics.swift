import Prometheus

/// The proxy's own figures in the gateway's registry: requests forwarded, sockets bridged now and
/// the bytes passed through them each way.
struct ProxyMetrics: Sendable {
    let requests: Counter
    let openSockets: Gauge
    let bytesFromBrowsers: Counter
    let bytesToBrowsers: Counter

    init(_ metrics: GatewayMetrics) {
        requests = metrics.registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "proxy", metricName: "requests", unitName: "total",
            helpText: "HTTP requests forwarded to sessions."
        ))
        openSockets = metrics.registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "proxy", metricName: "open", unitName: "sockets",
            helpText: "WebSockets bridged to sessions now."
        ))
        bytesFromBrowsers = metrics.registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "proxy", metricName: "socket_bytes_from_browsers", unitName: "total",
            helpText: "Bytes passed from browsers to sessions through proxied WebSockets."
        ))
        bytesToBrowsers = metrics.registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "proxy", metricName: "socket_bytes_to_browsers", unitName: "total",
            helpText: "Bytes passed from sessions to browsers through proxied WebSockets."
        ))
    }
}
