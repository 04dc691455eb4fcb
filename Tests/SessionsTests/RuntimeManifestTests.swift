import Foundation
import Testing
@testable import Sessions

@Suite struct RuntimeManifestTests {
    @Test func decodes() throws {
        let json = #"{"name":"r","version":"1","serve":["bin/r","serve"]}"#
        let manifest = try JSONDecoder().decode(RuntimeManifest.self, from: Data(json.utf8))
        #expect(manifest.serve == ["bin/r", "serve"])
    }
}
