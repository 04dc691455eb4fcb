import Foundation
import Testing
@testable import Sessions

/// The sandbox with real bwrap, setpriv and processes (root here, as in CI).
@Suite(.serialized) struct SandboxTests {
    @Test func runsAsItsOwnUidWithoutCapabilitiesOrNewPrivileges() async throws {
        let fixture = try SandboxFixture()
        let space = try await fixture.space()
        defer { Task { await space.release() } }
        let uid = try #require(space.profile?.uid)
        #expect(uid != 0 && uid != getuid())
        let (exit, text, _) = try await fixture.run("id -u; id -g; id -G; grep -E '^(Cap|NoNewPrivs|Seccomp:)' /proc/self/status; pwd; whoami", in: space)
        #expect(exit == .exited(0), "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["\(uid)", "\(uid)", "\(uid)"], "\(text)")
        for set in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"] {
            #expect(lines.contains("\(set):\t0000000000000000"), "\(text)")
        }
        #expect(lines.contains("NoNewPrivs:\t1"))
        #expect(lines.contains("Seccomp:\t2"))  // the filter is on
        #expect(lines.contains("/atrium/work"))
        #expect(lines.contains("atrium"))
    }
}
