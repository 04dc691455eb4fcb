import Prometheus

/// The proxy's own figures in the gateway's registry: requests forwarded and sockets bridged now.
struct ProxyMetrics: Sendable {
    let requests: Counter
    let openSockets: Gauge

    init(_ metrics: GatewayMetrics) {
        requests = metrics.registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "proxy", metricName: "requests", unitName: "total",
            helpText: "HTTP requests forwarded to sessions."
        ))
        openSockets = metrics.registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "atrium", subsystem: "proxy", metricName: "open", unitName: "sockets",
            helpText: "WebSockets bridged to sessions now."
        ))
    }
}
