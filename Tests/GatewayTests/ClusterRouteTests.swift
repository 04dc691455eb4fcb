import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The cluster view on the embedded default: one node on SQLite is no cluster, and says so in
/// the API and on the portal's Cluster page (the three-node behaviour is in ClusterTests).
@Suite struct ClusterRouteTests {
    @Test func theEmbeddedDefaultIsNoClusterAndSaysSo() async throws {
        try await TestGateway.with { client, _ in
            let admin = try await Caller.logon(client, "admin", TestGateway.adminPassword)
            let response = try await admin.request(client, .get, "/api/v1/cluster")
            #expect(response.status == .ok)
            let object = try response.object()
            #expect(object["clustered"] as? Bool == false)
            #expect(object["master"] == nil || object["master"] is NSNull)
            #expect((object["nodes"] as? [Any])?.isEmpty == true)

            let page = try await admin.request(client, .get, "/admin/cluster")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"cluster-state\"") && page.text.contains("runs alone on the embedded catalog"))
            #expect(page.text.contains("href=\"/admin/cluster\""))
        }
    }
}
