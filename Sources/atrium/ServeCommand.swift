import ArgumentParser
import Foundation
import Gateway
import Logging

/// `atrium serve`: runs the gateway until SIGTERM or SIGINT, then shuts down gracefully.
/// Settings come from defaults < `--config FILE` < `ATRIUM_*` environment variables < these flags.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Atrium server (HTTPS portal and API; plain HTTP only redirects)."
    )

    @Option(name: .long, help: "JSON configuration file.")
    var config: String?
    @Option(name: .long, help: "Data directory (default ./atrium-data; $ATRIUM_DATA).")
    var data: String?
    @Option(name: .long, help: "Address to listen on (default 127.0.0.1; $ATRIUM_HOST).")
    var host: String?
    @Option(name: .customLong("https-port"), help: "HTTPS port (default 8443; $ATRIUM_HTTPS_PORT).")
    var httpsPort: String?
    @Option(name: .customLong("http-port"), help: "Plain-HTTP redirect port, or 'off' (default 8080; $ATRIUM_HTTP_PORT).")
    var httpPort: String?
    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain (default: self-signed in DATA/tls; $ATRIUM_TLS_CERT).")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert ($ATRIUM_TLS_KEY).")
    var tlsKey: String?
    @Option(name: .long, help: "Store directory (default DATA/store; $ATRIUM_STORE).")
    var store: String?
    @Option(name: .customLong("log-format"), help: "text or json (default text; $ATRIUM_LOG_FORMAT).")
    var logFormat: String?
    @Option(name: .long, help: "postgres://… URL or SQLite file (default DATA/catalog.sqlite; $ATRIUM_DATABASE).")
    var database: String?
    @Option(name: .customLong("max-upload"), help: "Largest upload, e.g. 8G (default 8G; $ATRIUM_MAX_UPLOAD).")
    var maxUpload: String?
    @Option(name: .customLong("rate-limit"), help: "API requests per second per client, 0 = off (default 100; $ATRIUM_RATE_LIMIT).")
    var rateLimit: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error, critical (default info; $ATRIUM_LOG_LEVEL).")
    var logLevel: String?
    @Option(name: .long, help: ArgumentHelp("Load the demo from this directory (fixtures/demo): the reference runtime signed with a local demo key that is trusted explicitly, and its apps.", valueName: "dir"))
    var demo: String?
    @Option(name: .long, help: "This node's name (default: the host name; $ATRIUM_NODE).")
    var node: String?
    @Option(name: .customLong("gc-interval"), help: "Seconds between scheduled store gc runs, 0 = off (default 3600; $ATRIUM_GC_INTERVAL_SECONDS).")
    var gcInterval: String?
    @Option(name: .customLong("gc-grace"), help: "gc keeps unreferenced blobs younger than this many seconds (default 86400; $ATRIUM_GC_GRACE_SECONDS).")
    var gcGrace: String?

    func flags() throws -> ConfigurationLayer {
        var layer = ConfigurationLayer(dataDirectory: data, host: host, tlsCertificatePath: tlsCert, tlsKeyPath: tlsKey, storePath: store)
        layer.httpsPort = try httpsPort.map { try ConfigurationLayer.parsePort($0, source: "--https-port") }
        layer.httpRedirectPort = try httpPort.map { try ConfigurationLayer.parseOptionalPort($0, source: "--http-port") }
        layer.logFormat = try logFormat.map { try ConfigurationLayer.parseLogFormat($0, source: "--log-format") }
        layer.logLevel = try logLevel.map { try ConfigurationLayer.parseLogLevel($0, source: "--log-level") }
        layer.database = database
        layer.maxUploadBytes = try maxUpload.map { try ConfigurationLayer.parseSize($0, source: "--max-upload") }
        layer.requestsPerSecond = try rateLimit.map { try ConfigurationLayer.parseCount($0, source: "--rate-limit", range: 0...1_000_000) }
        layer.nodeName = node
        layer.gcIntervalSeconds = try gcInterval.map {
            try ConfigurationLayer.parseCount($0, source: "--gc-interval", range: ConfigurationLayer.gcSecondsRange)
        }
        layer.gcGraceSeconds = try gcGrace.map { try ConfigurationLayer.parseCount($0, source: "--gc-grace", range: ConfigurationLayer.gcSecondsRange) }
        return layer
    }

    func run() async throws {
        let configuration: GatewayConfiguration
        let identity: TLSIdentity
        do {
            configuration = try GatewayConfiguration.load(file: config, flags: flags())
            identity = try TLSIdentity.resolve(configuration)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        GatewayLogging.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let app = try await buildApplication(configuration, identity: identity)
        if let demo {
            do {
                try await app.loadDemo(from: demo)
            } catch {
                throw ValidationError("the demo in \(demo) could not be loaded: \(error)")
            }
            print("Demo loaded from \(demo): its runtime and apps (signed with the local demo key, trusted explicitly).")
        }
        print("Atrium portal: \(app.atrium.configuration.portalURL)")  // a configured port 0 is resolved by now
        print("TLS certificate SHA-256: \(identity.fingerprint)\(identity.selfSigned ? " (self-signed, \(identity.certificatePath))" : "")")
        if let port = configuration.httpRedirectPort { print("Plain HTTP on port \(port) redirects to HTTPS.") }
        print("Store: \(configuration.storePath). Database: \(configuration.database.hasPrefix("postgres") ? "PostgreSQL" : configuration.database).")
        if let password = app.initialAdminPassword {
            print("First run: log on as 'admin' with the one-time password \(password)")
            print("(shown only now; change it under Account after logging on).")
        }
        print("Stop with Ctrl-C or SIGTERM.")
        fflush(nil)  // all streams: the URL must show even when stdout is a pipe
        try await runUntilSignalled(app)
    }
}
