#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import Foundation
import NIOCore

/// Headless Chromium over W3C WebDriver (chromedriver), for the editor's page served straight by
/// `serve`: the proxy secret is added to every request, WebSocket included, through the DevTools
/// `Network.setExtraHTTPHeaders`, as the gateway's proxy would. Screenshots go to
/// `.build/screenshots/editor-*.png`.
final class EditorBrowser: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    private let driver = Process()
    private let base: String
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)
    private var session = ""

    /// chromium and chromedriver, when installed (Debian: chromium, chromium-driver).
    static var binaries: (chromium: String, driver: String)? {
        let directories = ["/usr/bin", "/usr/local/bin"]
        func find(_ names: [String]) -> String? {
            for directory in directories {
                for name in names where FileManager.default.isExecutableFile(atPath: directory + "/" + name) { return directory + "/" + name }
            }
            return nil
        }
        guard let chromium = find(["chromium", "chromium-browser"]), let driver = find(["chromedriver"]) else { return nil }
        return (chromium, driver)
    }

    /// Run when the binaries are there, and always when `ATRIUM_REQUIRE_CHROMIUM` is set.
    static var shouldRun: Bool { binaries != nil || ProcessInfo.processInfo.environment["ATRIUM_REQUIRE_CHROMIUM"] != nil }

    init(proxySecret: String) async throws {
        guard let binaries = Self.binaries else { throw Failure("chromium and chromedriver are required") }
        let port = try ServeProcess.freePort()
        base = "http://127.0.0.1:\(port)"
        driver.executableURL = URL(fileURLWithPath: binaries.driver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            try await start(chromium: binaries.chromium, secret: proxySecret)
        } catch {
            await quit()
            throw error
        }
    }

    private func start(chromium: String, secret: String) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while (try? await call("GET", "/status")["ready"]) == nil {
            if ContinuousClock.now > deadline { throw Failure("chromedriver did not become ready") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let options: [String: Any] = ["binary": chromium,
                                      "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1300,1000", "--disable-gpu"]]
        let created = try await call("POST", "/session", ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]])
        guard let id = created["sessionId"] as? String else { throw Failure("no WebDriver session: \(created)") }
        session = id
        try await call("POST", "/session/\(session)/goog/cdp/execute", ["cmd": "Network.enable", "params": [String: Any]()])
        try await call("POST", "/session/\(session)/goog/cdp/execute",
                       ["cmd": "Network.setExtraHTTPHeaders", "params": ["headers": ["X-Atrium-Proxy-Secret": secret]]])
    }

    func quit() async {
        if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
        if driver.isRunning { driver.terminate() }
        for _ in 0..<50 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        try? await client.shutdown()
    }

    @discardableResult
    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))) }
        else if method == "POST" { request.body = .bytes(ByteBuffer(string: "{}")) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let data = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if response.status.code >= 400 {
            throw Failure("\(method) \(path): \(response.status.code) \((object["value"] as? [String: Any])?["message"] ?? "")")
        }
        if let value = object["value"] as? [String: Any] { return value }
        return ["value": object["value"] ?? NSNull()]
    }

    func open(_ url: String) async throws { try await call("POST", "/session/\(session)/url", ["url": url]) }

    private func element(_ css: String) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            if let found = try? await call("POST", "/session/\(session)/element", ["using": "css selector", "value": css]),
               let id = found[Self.elementKey] as? String {
                return id
            }
            if ContinuousClock.now > deadline { throw Failure("no element '\(css)'") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Replaces the text of `css` with `text` (what a user's typing does, `input` events included).
    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        try await call("POST", "/session/\(session)/element/\(id)/clear")
        try await call("POST", "/session/\(session)/element/\(id)/value", ["text": text])
    }

    func click(_ css: String) async throws {
        let id = try await element(css)
        try await call("POST", "/session/\(session)/element/\(id)/click")
    }

    /// Runs `body` (a function body with `arguments`) in the page; returns what it returns.
    func script(_ body: String, _ arguments: [Any] = []) async throws -> Any {
        try await call("POST", "/session/\(session)/execute/sync", ["script": body, "args": arguments])["value"] ?? NSNull()
    }

    /// The text of `css` (hidden or not), "" when there is no such element.
    func text(_ css: String) async throws -> String {
        try await script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", [css]) as? String ?? ""
    }

    /// Whether `css` matches an element that is not `hidden` (nor inside a hidden one).
    func isShown(_ css: String) async throws -> Bool {
        try await script("const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]');", [css]) as? Bool ?? false
    }

    /// Waits up to 60 s until `condition` (a JavaScript expression) is true in the page.
    func waitUntil(_ condition: String, _ arguments: [Any] = []) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if (try? await script("return Boolean(" + condition + ");", arguments)) as? Bool == true { return }
            if ContinuousClock.now > deadline { throw Failure("'\(condition)' did not become true") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Saves the window as `.build/screenshots/editor-<name>.png` (a test artifact to look at).
    func screenshot(_ name: String) async throws {
        let directory = RuntimeBinary.packageRoot.appendingPathComponent(".build/screenshots").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoded = try await call("GET", "/session/\(session)/screenshot")["value"] as? String ?? ""
        try Data(base64Encoded: encoded)?.write(to: URL(fileURLWithPath: directory + "/editor-" + name + ".png"))
    }
}
