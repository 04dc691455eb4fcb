import Catalog
import Foundation
import Gateway
import Store
import Testing
import TestSupport

/// The publishing and case paths of the portal in headless Chromium: trust a key, upload a
/// signed package and sealed app versions with the upload script, set latest, upload a case
/// and a new version of it, and restore (download) the first version through its link.
@Suite(.serialized) struct PortalPublishBrowserTests {
    @Test(.enabled(if: WebDriver.shouldRun, "chromium and chromedriver are not installed"))
    func uploadAPackageAndAppVersionsSetLatestAndRestoreACase() async throws {
        let gateway = try await RunningGateway()
        let files = try TestDirectory()
        defer { files.remove() }
        try await gateway.withBrowser { browser in
            try await PortalBrowserTests().logOn(browser, gateway)
            let catalog = gateway.app.atrium.catalog

            // Trust the publisher's key through the keys page.
            let key = PublisherKeyPair.generate(name: "acme")
            try await browser.open(gateway.base + "/admin/keys")
            try await browser.type("#key-text", String(decoding: try key.publicKey.fileJSON(), as: UTF8.self))
            try await browser.click("#trust-key")
            try await browser.waitFor("#keys", toContain: key.publicKey.id)

            // A signed package, uploaded with the progress-bar script.
            let packagePath = files.path + "/rt-1.0.0.atpkg"
            try Data(try Publish.package(key, name: "rt", version: "1.0.0")).write(to: URL(fileURLWithPath: packagePath))
            try await browser.open(gateway.base + "/packages")
            try await browser.choose("#package-file", file: packagePath)
            try await browser.click("#package-upload button[type=submit]")
            try await browser.waitFor("#packages", toContain: "1.0.0")
            try await browser.screenshot("packages")
            #expect(try await catalog.package(name: "rt", version: "1.0.0") != nil)

            // An app and two sealed versions; the second becomes latest, then the first again.
            try await browser.open(gateway.base + "/apps")
            try await browser.type("#new-app-name", "transport")
            try await browser.type("#new-app-title", "Transport model")
            try await browser.click("#create-app")
            try await browser.waitFor("#flash", toContain: "App transport created.")
            let platformKey = gateway.app.atrium.appKeys.current
            for version in ["1", "2"] {
                let path = files.path + "/transport-\(version).sealed"
                let sealed = try Publish.seal(Publish.modelBytes + Array(version.utf8), app: "transport", version: version, to: platformKey)
                try Data(sealed).write(to: URL(fileURLWithPath: path))
                try await browser.type("#version-number", version)
                try await browser.type("#version-runtime", "rt@1.0.0")
                try await browser.choose("#version-file", file: path)
                try await browser.click("#version-upload button[type=submit]")
                try await browser.waitFor("#latest", toContain: version)
            }
            try await browser.click("#latest-1")
            try await browser.waitFor("#flash", toContain: "Version 1 is now the latest.")
            #expect(try await catalog.app(named: "transport")?.latestVersion == "1")
            try await browser.screenshot("app")

            // A case and a second version; the first comes back byte for byte through its link.
            let first = Array((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let second = first + Array("more data".utf8)
            let firstPath = files.path + "/plan-1.dat", secondPath = files.path + "/plan-2.dat"
            try Data(first).write(to: URL(fileURLWithPath: firstPath))
            try Data(second).write(to: URL(fileURLWithPath: secondPath))
            try await browser.open(gateway.base + "/cases")
            try await browser.select("#case-app", "transport")
            try await browser.type("#case-name", "plan")
            try await browser.choose("#case-file", file: firstPath)
            try await browser.click("#case-upload button[type=submit]")
            try await browser.waitFor("#cases", toContain: "plan")
            try await browser.click("#cases a")
            try await browser.waitFor("h1", toContain: "Case plan")
            try await browser.choose("#case-version-file", file: secondPath)
            try await browser.click("#case-version-upload button[type=submit]")
            _ = try await browser.element("#restore-2")
            try await browser.screenshot("case")
            let restored = try await browser.executeAsync("""
                var done = arguments[arguments.length - 1];
                var href = document.querySelector(arguments[0]).getAttribute("href");
                fetch(href, {credentials: "same-origin"}).then(function (r) {
                  return r.arrayBuffer().then(function (b) {
                    var a = new Uint8Array(b), s = "";
                    for (var i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);
                    done(r.status + ":" + btoa(s));
                  });
                }).catch(function (e) { done("error:" + e); });
                """, ["#restore-1"]) as? String ?? ""
            #expect(restored.hasPrefix("200:"), "\(restored.prefix(200))")
            let bytes = Data(base64Encoded: String(restored.dropFirst(4))).map { Array($0) }
            #expect(bytes == first, "version 1 came back with \(bytes?.count ?? -1) bytes")
        }
    }
}
