/// The gateway's API URL as runtimes reach it, e.g. `https://127.0.0.1:8443/api/v1`: fixed when
/// the application is built (a configured port of 0 is resolved to a concrete port first).
public struct APIEndpoint: Sendable, Hashable {
    public let url: String

    public init(_ url: String) {
        self.url = url
    }
}
