#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import Foundation
import TestSupport
import HTTPTypes
import NIOCore
import NIOHTTP1
import Testing

/// A running `atrium-runtime-mathprog serve` on a free loopback port.
final class ServeProcess: Sendable {
    let process: RuntimeProcess
    let port: Int
    let secret = "secret-" + UUID().uuidString
    let work: String

    init(app: String = "transport", extra: [String: String] = [:]) async throws {
        work = try RuntimeBinary.temporaryDirectory()
        port = try Self.freePort()
        var environment = RuntimeBinary.baseEnvironment(work: work)
        environment["ATRIUM_SESSION_KIND"] = "data"
        environment["ATRIUM_APP"] = app
        environment["ATRIUM_APP_DIR"] = RuntimeBinary.app(app)
        environment["ATRIUM_RUNTIME_DIR"] = RuntimeBinary.runtimeDirectory
        environment["ATRIUM_LISTEN"] = "127.0.0.1:\(port)"
        environment["ATRIUM_BASE_PATH"] = "/s/test/"
        environment["ATRIUM_PROXY_SECRET"] = secret
        environment.merge(extra) { $1 }
        process = try RuntimeProcess(["serve"], environment: environment, directory: work)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await get("/healthz", secret: nil).status) == 200 { return }
            guard process.process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.stop()
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "serve did not get ready: \(process.stderr)"])
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var socketURL: String { "ws://127.0.0.1:\(port)/ws" }
    var secretHeader: HTTPFields { [HTTPField.Name("X-Atrium-Proxy-Secret")!: secret] }

    /// An editor socket on this session, past the proxy secret.
    func socket() -> TestSocket { TestSocket(url: socketURL, headers: secretHeader) }

    /// Runs `body` with `serve` started and an editor socket on it that has had its opening
    /// case (expected); both end when `body` returns.
    static func withEditor(app: String = "transport", extra: [String: String] = [:],
                           sourceLocation: SourceLocation = #_sourceLocation,
                           _ body: (ServeProcess, TestSocket) async throws -> Void) async throws {
        let serve = try await ServeProcess(app: app, extra: extra)
        defer { serve.stop() }
        let socket = serve.socket()
        defer { socket.close() }
        #expect(await socket.next("case") != nil, sourceLocation: sourceLocation)
        try await body(serve, socket)
    }

    func get(_ path: String, secret: String?) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
        var request = HTTPClientRequest(url: baseURL + path)
        if let secret { request.headers.add(name: "X-Atrium-Proxy-Secret", value: secret) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body), response.headers)
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(atPath: work)
    }

    /// A port the kernel just handed out (and released).
    static func freePort() throws -> Int { try FreePort.next() }
}
