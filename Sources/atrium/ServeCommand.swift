import ArgumentParser
import Foundation
import Gateway
import Logging

/// `atrium serve`: runs the gateway until SIGTERM or SIGINT, then shuts down gracefully.
/// Settings come from defaults < `--config FILE` < `ATRIUM_*` environment variables < these flags.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Atrium server (HTTPS portal and API; plain HTTP only redirects).",
        discussion: GatewayConfiguration.settingsHelp()
    )

    @Option(name: .long, help: "JSON configuration file.")
    var config: String?
    @Option(name: .long, help: ArgumentHelp("Load the demo from this directory (fixtures/demo): the reference runtime signed with a local demo key that is trusted explicitly, and its apps.", valueName: "dir"))
    var demo: String?
    @Flag(name: .customLong("settings-markdown"), help: "Print the settings table (Markdown, as in the README) and exit.")
    var settingsMarkdown = false
    /// The setting flags (`--https-port 9443`, `--http-port=off`, …), read from the settings table;
    /// listed in the discussion above.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(visibility: .private))
    var settingFlags: [String] = []

    func flags() throws -> ConfigurationLayer {
        try ConfigurationLayer.flags(settingFlags)
    }

    /// Refuses unknown and bad setting flags before anything runs, with the usage.
    func validate() throws {
        do {
            _ = try flags()
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        if settingsMarkdown {
            print(GatewayConfiguration.settingsMarkdown, terminator: "")
            return
        }
        // Everything is made with its mode given (DATA, store, keys, catalog: owner-only); the
        // umask is the second line for whatever a library creates without one.
        umask(0o077)
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
