import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `serve`: a data session. The editor UI and its WebSocket on `ATRIUM_LISTEN`, behind the
/// proxy secret; saves, opens and solves through the gateway's API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the case editor (a data session).")

    func run() async throws {
        var logger = Logger(label: "atrium-runtime-mathprog") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        do {
            try await serve(RuntimeEnvironment(), logger: logger)
        } catch {
            Console.error("atrium-runtime-mathprog serve: \(error)")
            throw ExitCode(1)
        }
    }

    func serve(_ environment: RuntimeEnvironment, logger: Logger) async throws {
        let listen = try Self.listenAddress(try environment.require("ATRIUM_LISTEN"))
        let secret = try environment.require("ATRIUM_PROXY_SECRET")
        let appDirectory = try environment.require("ATRIUM_APP_DIR")
        let runtimeDirectory = try environment.require("ATRIUM_RUNTIME_DIR")
        let app = environment.optional("ATRIUM_APP") ?? "app"
        var gateway: GatewayClient?
        if let url = environment.optional("ATRIUM_API_URL") {
            let token = try environment.require("ATRIUM_TOKEN")
            if let socket = environment.optional("ATRIUM_API_SOCKET") {
                gateway = try GatewayClient(socket: socket, apiURL: url, token: token, app: app)
            } else {
                gateway = GatewayClient(baseURL: url, token: token, app: app, caFile: try environment.require("ATRIUM_CA_FILE"))
            }
        }
        do {
            try await run(environment, listen: listen, secret: secret, app: app, appDirectory: appDirectory,
                          runtimeDirectory: runtimeDirectory, gateway: gateway, logger: logger)
        } catch {
            await gateway?.shutdown()
            throw error
        }
        await gateway?.shutdown()
    }

    private func run(_ environment: RuntimeEnvironment, listen: BindAddress, secret: String, app: String,
                     appDirectory: String, runtimeDirectory: String, gateway: GatewayClient?, logger: Logger) async throws {
        let initial = try Self.defaultCase(appDirectory)
        let (editorApp, problems) = EditorApp.load(appDirectory: appDirectory, name: app, version: environment.optional("ATRIUM_APP_VERSION"),
                                                   basePath: environment.optional("ATRIUM_BASE_PATH"),
                                                   portalURL: environment.optional("ATRIUM_PORTAL_URL"))
        for problem in problems { logger.warning("app description incomplete", metadata: ["problem": "\(problem)"]) }
        let session = EditorSession(initial: initial, app: editorApp, gateway: gateway,
                                    sessionId: environment.optional("ATRIUM_SESSION_ID"), logger: logger)
        if let caseId = environment.optional("ATRIUM_CASE_ID") {
            do { try await session.openAtStart(caseId: caseId) } catch {
                throw RuntimeEnvironment.Missing.invalid("ATRIUM_CASE_ID", "case '\(caseId.prefix(64))' cannot be opened: \(error)")
            }
        }
        let server = EditorServer.application(listen: listen, secret: secret, uiDirectory: runtimeDirectory + "/ui",
                                              session: session, logger: logger)
        let stop = ServeStop()
        stop.install(session)
        logger.info("serving", metadata: ["listen": "\(listen)", "app": "\(app)"])
        // SIGTERM/SIGINT go to ServeStop alone: it tells the editor's sockets the session ended first.
        try await server.runService(gracefulShutdownSignals: [])
        withExtendedLifetime(stop) {}
    }

    static func defaultCase(_ appDirectory: String) throws -> MathProgCase {
        let path = appDirectory + "/data.json"
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SolveError.cannotRead(path, error.localizedDescription)
        }
        do { return try MathProgCase.decode(data) } catch { throw SolveError.invalidCase(error) }
    }

    /// `unix:/atrium/sock/serve.sock` (how the gateway runs it; a socket left at that path by an
    /// earlier run is removed first) or `127.0.0.1:8080` (run by hand) → where to listen.
    static func listenAddress(_ text: String) throws -> BindAddress {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard path.hasPrefix("/"), path.utf8.count <= 107 else {
                throw RuntimeEnvironment.Missing.invalid("ATRIUM_LISTEN", "'\(text.prefix(64))' is not unix:<absolute path of at most 107 bytes>")
            }
            try? FileManager.default.removeItem(atPath: path)
            return .unixDomainSocket(path: path)
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            throw RuntimeEnvironment.Missing.invalid("ATRIUM_LISTEN", "'\(text.prefix(64))' is neither unix:<path> nor host:port")
        }
        return .hostname(String(text[..<colon]), port: port)
    }
}
