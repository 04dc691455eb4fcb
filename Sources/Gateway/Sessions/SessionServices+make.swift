import Catalog
import Foundation
import Logging
import Sessions
import Store

/// Builds this node's session manager, job runner and license gate from the configuration, whose
/// `httpsPort` is the one the server binds (not 0). `hooks` are what sessions and jobs tell the
/// gateway; `observingProxy`, when given, hears every proxy activity event too.
func makeSessionServices(_ configuration: GatewayConfiguration, catalog: Catalog, blobs: BlobStore, appKeys: PlatformAppKeys,
                         executor: BlockingExecutor, hooks: SessionHooks,
                         observingProxy: (@Sendable (_ session: String, ProxyActivity) -> Void)?,
                         logger: Logger) async throws -> SessionServices {
    var settings = SessionSettings(
        node: configuration.nodeName, dataDirectory: configuration.dataDirectory, executor: executor,
        timeouts: SessionTimeouts(launch: TimeInterval(configuration.launchTimeoutSeconds),
                                  reconnectWindow: TimeInterval(configuration.reconnectWindowSeconds),
                                  idle: TimeInterval(configuration.sessionIdleSeconds)),
        leaseSeconds: TimeInterval(configuration.leaseSeconds), solveSlots: configuration.solveSlots,
        unlicensedLimits: configuration.unlicensedLimits, sandbox: configuration.sandbox)
    settings.pollInterval = configuration.jobPollSeconds
    settings.portalURL = configuration.browserURL
    var clusterState: ClusterState?
    if configuration.isCluster {
        let clusterSettings = ClusterSettings(node: configuration.nodeName, solveSlots: configuration.solveSlots,
                                              heartbeat: configuration.heartbeatSeconds, deadAfter: configuration.effectiveNodeDeadAfter)
        clusterState = ClusterState(settings: clusterSettings, address: configuration.advertisedURL(port: configuration.httpsPort))
        settings.cluster = clusterState
        settings.workGuard = try WorkGuard(timeout: .milliseconds(Int(clusterSettings.guardTimeout * 1000)))
    }
    let runtimes = try RuntimeCache(directory: settings.dataDirectory + "/runtimes", blobs: blobs, catalog: catalog,
                                    executor: executor)
    let licenses = LicenseGate(catalog: catalog, unlicensed: configuration.unlicensedLimits)
    let (activity, activitySink) = AsyncStream<(session: String, activity: ProxyActivity)>.makeStream()
    let proxy = ProxyDirectory { session, event in
        activitySink.yield((session, event))
        observingProxy?(session, event)
    }
    var sessionLogger = logger
    sessionLogger[metadataKey: "part"] = "sessions"
    let keyring = appKeys.keyring
    let manager = try SessionManager(settings: settings, catalog: catalog, blobs: blobs, keyring: { keyring }, runtimes: runtimes,
                                     proxy: proxy, licenses: licenses, hooks: hooks, logger: sessionLogger)
    let events = JobEvents()
    let jobs = try JobRunner(settings: settings, catalog: catalog, blobs: blobs, keyring: { keyring }, runtimes: runtimes,
                             licenses: licenses, sessions: manager, events: events, hooks: hooks, logger: sessionLogger)
    let cluster = try clusterState.map {
        ClusterMember(state: $0, catalog: catalog, sessions: manager, jobs: jobs, workGuard: settings.workGuard, hooks: hooks,
                      notices: try catalog.jobNoticeListener(), logger: sessionLogger)
    }
    let sandbox = await SandboxStatus.find(configuration.sandbox) {
        await SandboxStatus.probe($0, directory: configuration.dataDirectory + "/scratch", executor: executor)
    }
    switch sandbox {
    case .on: break
    case .off:
        logger.warning("THE SANDBOX IS OFF: runtime processes run as the gateway's own user and can read and change everything it can (DATA, the catalog, keys, other sessions); turn it on with sandbox = on (ATRIUM_SANDBOX=on)")
    case .unavailable(let reason):
        logger.error("no sandbox can be made, so data sessions and solves are refused: \(reason); fix the host, or turn the sandbox off explicitly with sandbox = off (ATRIUM_SANDBOX=off)")
    }
    return SessionServices(manager: manager, jobs: jobs, licenses: licenses, events: events, runtimes: runtimes, activity: activity,
                           cluster: cluster, clusterState: clusterState, sandbox: sandbox)
}
