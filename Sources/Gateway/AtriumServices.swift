import Catalog
import Foundation
import Logging
import NIOCore
import Sessions
import Store

/// The long-lived parts every route uses, made once by ``buildApplication(_:)``.
public final class AtriumServices: Sendable {
    public let configuration: GatewayConfiguration
    public let catalog: Catalog
    public let blobs: BlobStore
    /// The platform's app keys: what sealed app versions are sealed to and opened with.
    public let appKeys: PlatformAppKeys
    public let logger: Logger
    /// Per-client API request limit.
    public let requestLimiter: RateLimiter
    /// Password checks (log-on, password change): per address, and failures per name and address.
    public let logOnLimiter = LogOnLimiter()
    /// Where blocking work runs: uploads and downloads on its `transfers` lane (503 when full),
    /// other store reads on `files`.
    public let executor: BlockingExecutor
    /// Per-user app list pages (encoded), for 2 s (cleared by any change through this node).
    public let appListCache = ExpiringCache<ByteBuffer>(ttl: 2)
    /// Verified API tokens, for 5 s (a revoked session token leaves it at once: ``SessionHooks``).
    public let tokenCache: TokenCache
    /// How long a portal log-on lasts.
    public let sessionLifetime: TimeInterval = 12 * 3600
    /// The live sessions `/s/{session}/…` reaches: the session manager registers and removes them.
    public let proxyDirectory: ProxyDirectory
    /// The proxied WebSockets open now: when a session stops, call
    /// `proxyConnections.closeAll(session:)` after removing it from ``proxyDirectory`` (the
    /// session manager does, through ``SessionHooks``).
    public let proxyConnections: ProxyConnections
    /// The proxy's HTTP client (shut down by a service of the application).
    public let proxyClient: SessionProxyClient
    /// Data sessions, jobs and licensing of this node.
    public let sessions: SessionServices
    /// The store's gc with the catalog as roots: the schedule, the API and the portal share it.
    public let storeCollector: StoreCollector
    /// Case versions in ``blobs``; saves spool under `DATA/scratch` (local disk, never the share).
    public let cases: CaseStore

    // MARK: cluster proxy
    /// The HTTPS client the proxy forwards to other nodes with (trusts ``GatewayConfiguration/clusterTrustFile``).
    public let clusterClient: SessionProxyClient
    /// Resolves a node's name (as in `data_sessions.node`) to the base URL its HTTPS server is
    /// reached at (`https://host:port`, the address it registered in the catalog), nil when
    /// unknown; the proxy calls it per request to a session of another node (unknown: 410).
    public let nodeAddress: @Sendable (_ node: String) async throws -> String?
    /// The base URL other nodes reach this node at (``GatewayConfiguration/advertisedURL(port:)``
    /// of the configured HTTPS port, which ``buildApplication(_:identity:observingProxy:)`` has made concrete).
    public let advertisedURL: String

    /// `configuration.httpsPort` must be the port the server binds (not 0). `tokenCache` and
    /// `proxyConnections` are the ones the `sessions`' hooks were made with.
    public init(configuration: GatewayConfiguration, catalog: Catalog, blobs: BlobStore, appKeys: PlatformAppKeys, cases: CaseStore,
                sessions: SessionServices, storeCollector: StoreCollector, tokenCache: TokenCache, proxyConnections: ProxyConnections,
                executor: BlockingExecutor, logger: Logger) {
        self.configuration = configuration
        self.executor = executor
        self.sessions = sessions
        self.storeCollector = storeCollector
        self.cases = cases
        self.tokenCache = tokenCache
        self.proxyConnections = proxyConnections
        self.nodeAddress = { [catalog] name in try await catalog.node(name: name)?.address }
        self.advertisedURL = configuration.advertisedURL(port: configuration.httpsPort)
        self.proxyDirectory = sessions.manager.proxy
        self.proxyClient = SessionProxyClient(configuration: configuration.proxy)
        self.clusterClient = SessionProxyClient(configuration: configuration.proxy, trustRootsFile: configuration.clusterTrustFile)
        self.catalog = catalog
        self.blobs = blobs
        self.appKeys = appKeys
        self.logger = logger
        let rate = Double(configuration.requestsPerSecond)
        self.requestLimiter = RateLimiter(perSecond: rate, burst: rate * 2)
    }
}
