import AsyncHTTPClient
import Foundation
import NIOCore

/// Headless Chromium driven over plain W3C WebDriver JSON: starts `chromedriver` on a free port,
/// opens a session (headless, no sandbox, the test server's self-signed certificate accepted,
/// optional extra headers on every request, WebSocket handshakes included), and offers the few
/// commands the portal and editor tests use. Shared by the gateway's and the runtime's tests.
public final class WebDriver: @unchecked Sendable {
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"
    let driver: Process
    let base: String
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    var session = ""

    /// The Debian binaries, when installed.
    public static var binaries: (chromium: String, driver: String)? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        func find(_ names: [String]) -> String? {
            for dir in paths { for name in names where FileManager.default.isExecutableFile(atPath: dir + "/" + name) { return dir + "/" + name } }
            return nil
        }
        guard let chromium = find(["chromium", "chromium-browser"]), let driver = find(["chromedriver"]) else { return nil }
        return (chromium, driver)
    }

    /// Run the browser tests when the binaries are there, and always when `ATRIUM_REQUIRE_CHROMIUM`
    /// is set (scripts/test sets it, so CI cannot skip them silently).
    public static var shouldRun: Bool { binaries != nil || ProcessInfo.processInfo.environment["ATRIUM_REQUIRE_CHROMIUM"] != nil }

    /// `headers` go with every request the page makes (through DevTools' `Network.setExtraHTTPHeaders`),
    /// as a proxy in front of the page would add them.
    public init(headers: [String: String] = [:]) async throws {
        guard let binaries = Self.binaries else {
            throw WebDriverError("chromium and chromedriver are required (ATRIUM_REQUIRE_CHROMIUM is set): apt-get install chromium chromium-driver")
        }
        let port = try FreePort.next()
        base = "http://127.0.0.1:\(port)"
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: binaries.driver)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        do {
            try await start(chromium: binaries.chromium, headers: headers)
        } catch {
            await quit()
            throw error
        }
    }

    /// Waits for chromedriver, then opens the browser session.
    private func start(chromium: String, headers: [String: String]) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = ""
        while true {
            do {
                if try await call("GET", "/status")["ready"] != nil { break }
            } catch {
                last = "\(error)"
            }
            if ContinuousClock.now > deadline { throw WebDriverError("chromedriver did not become ready: \(last)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        Self.log("chromedriver ready")
        let options: [String: Any] = [
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                     "--window-size=1366,768", "--disable-gpu"],
        ]
        let capabilities: [String: Any] = ["alwaysMatch": ["browserName": "chrome", "acceptInsecureCerts": true, "goog:chromeOptions": options]]
        let created = try await call("POST", "/session", ["capabilities": capabilities])
        guard let id = created["sessionId"] as? String else { throw WebDriverError("no WebDriver session: \(created)") }
        session = id
        Self.log("browser session \(id)")
        if !headers.isEmpty {
            try await call("POST", "/session/\(session)/goog/cdp/execute", ["cmd": "Network.enable", "params": [String: Any]()])
            try await call("POST", "/session/\(session)/goog/cdp/execute", ["cmd": "Network.setExtraHTTPHeaders", "params": ["headers": headers]])
        }
    }

    /// Progress on stderr (Swift Testing shows a test's output only at its end).
    public static func log(_ line: String) {
        FileHandle.standardError.write(Data("webdriver: \(line)\n".utf8))
    }

    /// Ends the browser session and chromedriver.
    public func quit() async {
        if !session.isEmpty { _ = try? await call("DELETE", "/session/\(session)") }
        // Not waitUntilExit(): on Linux it can wait forever when called off the main thread.
        if driver.isRunning { driver.terminate() }
        for _ in 0..<50 where driver.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        try? await client.shutdown()
    }

    /// One WebDriver command; returns its `value` (an object, or wrapped as `["value": …]`).
    @discardableResult
    public func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))) }
        else if method == "POST" { request.body = .bytes(ByteBuffer(string: "{}")) }
        let response = try await client.execute(request, timeout: .seconds(60))
        let data = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if response.status.code >= 400 {
            throw WebDriverError("\(method) \(path): \(response.status.code) \((object["value"] as? [String: Any])?["message"] ?? "")")
        }
        let value = object["value"]
        if let value = value as? [String: Any] { return value }
        return ["value": value ?? NSNull()]
    }

    public func open(_ url: String) async throws {
        Self.log("open \(url)")
        try await call("POST", "/session/\(session)/url", ["url": url])
    }

    public var url: String { get async throws { try await call("GET", "/session/\(session)/url")["value"] as? String ?? "" } }

    public var source: String { get async throws { try await call("GET", "/session/\(session)/source")["value"] as? String ?? "" } }

    /// The element matching `css`, waiting up to 30 s for it to appear (the full suite is slow).
    public func element(_ css: String) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            var last = ""
            do {
                let found = try await call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
                if let id = found[Self.elementKey] as? String { return id }
                last = "\(found)"
            } catch {
                last = "\(error)"
            }
            if ContinuousClock.now > deadline {
                throw WebDriverError("no element '\(css)' on \(try await url) (\(last)): \(try await source.prefix(2000))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    public func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        try await call("POST", "/session/\(session)/element/\(id)/clear")
        try await call("POST", "/session/\(session)/element/\(id)/value", ["text": text])
    }

    /// Chooses a file in a file input (its absolute path).
    public func choose(_ css: String, file path: String) async throws {
        let id = try await element(css)
        try await call("POST", "/session/\(session)/element/\(id)/value", ["text": path])
    }

    public func click(_ css: String) async throws {
        let id = try await element(css)
        try await call("POST", "/session/\(session)/element/\(id)/click")
    }

    public func select(_ css: String, _ value: String) async throws {
        try await click("\(css) option[value=\"\(value)\"]")
    }

    public func text(_ css: String) async throws -> String {
        let id = try await element(css)
        return try await call("GET", "/session/\(session)/element/\(id)/text")["value"] as? String ?? ""
    }

    /// Where screenshots go: `ATRIUM_PORTAL_SCREENSHOTS`, else `.build/screenshots` of the
    /// checkout (test artifacts, to look at the layout on a 1366×768 screen).
    public static var screenshotDirectory: String {
        if let directory = ProcessInfo.processInfo.environment["ATRIUM_PORTAL_SCREENSHOTS"] { return directory }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/.build/screenshots"
    }

    /// Saves a PNG of the window as `name`.png in ``screenshotDirectory``.
    public func screenshot(_ name: String) async throws {
        let directory = Self.screenshotDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoded = try await call("GET", "/session/\(session)/screenshot")["value"] as? String ?? ""
        try Data(base64Encoded: encoded)?.write(to: URL(fileURLWithPath: directory + "/" + name + ".png"))
    }

    /// Runs `script` in the page as an async script (its last argument is the callback) and
    /// returns what it passes to the callback.
    public func executeAsync(_ script: String, _ arguments: [Any] = []) async throws -> Any {
        try await call("POST", "/session/\(session)/execute/async", ["script": script, "args": arguments])["value"] ?? NSNull()
    }

    /// Waits up to 60 s until the text of `css` contains `expected`.
    public func waitFor(_ css: String, toContain expected: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        var last = ""
        while true {
            last = (try? await text(css)) ?? last
            if last.contains(expected) { return }
            if ContinuousClock.now > deadline { throw WebDriverError("'\(css)' shows '\(last)', not '\(expected)', on \(try await url)") }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Runs `body` (a function body with `arguments`) in the page; returns what it returns.
    public func script(_ body: String, _ arguments: [Any] = []) async throws -> Any {
        try await call("POST", "/session/\(session)/execute/sync", ["script": body, "args": arguments])["value"] ?? NSNull()
    }

    /// The text content of `css` (hidden or not), "" when there is no such element.
    public func textContent(_ css: String) async throws -> String {
        try await script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", [css]) as? String ?? ""
    }

    /// Whether `css` matches an element that is not `hidden` (nor inside a hidden one).
    public func isShown(_ css: String) async throws -> Bool {
        try await script("const e = document.querySelector(arguments[0]); return !!e && !e.closest('[hidden]');", [css]) as? Bool ?? false
    }

    /// Waits up to 60 s until `condition` (a JavaScript expression) is true in the page.
    public func waitUntil(_ condition: String, _ arguments: [Any] = []) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if (try? await script("return Boolean(" + condition + ");", arguments)) as? Bool == true { return }
            if ContinuousClock.now > deadline { throw WebDriverError("'\(condition)' did not become true on \(try await url)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The cookies the browser holds for the page it shows (WebDriver's `name`, `value`, `domain`…).
    public func cookies() async throws -> [[String: Any]] {
        try await call("GET", "/session/\(session)/cookie")["value"] as? [[String: Any]] ?? []
    }

    /// Moves into the frame `css` names; ``leaveFrame()`` moves back out.
    public func enterFrame(_ css: String) async throws {
        let frame = try await element(css)
        try await call("POST", "/session/\(session)/frame", ["id": [Self.elementKey: frame]])
    }

    public func leaveFrame() async throws {
        try await call("POST", "/session/\(session)/frame/parent")
    }

    /// The handles of the open tabs and windows, and the current one.
    public var windows: [String] { get async throws { try await call("GET", "/session/\(session)/window/handles")["value"] as? [String] ?? [] } }
    public var window: String { get async throws { try await call("GET", "/session/\(session)/window")["value"] as? String ?? "" } }

    /// Opens a new tab and makes it current; returns its handle.
    @discardableResult
    public func newTab() async throws -> String {
        let handle = try await call("POST", "/session/\(session)/window/new", ["type": "tab"])["handle"] as? String ?? ""
        try await switchTo(window: handle)
        return handle
    }

    /// Closes the current tab (WebDriver then has no current one: switch to another).
    public func closeTab() async throws {
        try await call("DELETE", "/session/\(session)/window")
    }

    public func switchTo(window handle: String) async throws {
        try await call("POST", "/session/\(session)/window", ["handle": handle])
    }
}
