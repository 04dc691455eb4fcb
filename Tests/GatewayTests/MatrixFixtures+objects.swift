import Catalog
import Foundation
import Gateway
import HummingbirdTesting

extension MatrixFixtures {
    /// The objects beyond the accounts; grows with the API.
    static func extend(_ fixtures: inout MatrixFixtures, _ client: any TestClientProtocol, _ app: AtriumApplication,
                       _ catalog: Catalog) async throws {
        fixtures.ids["user"] = fixtures.ids["alice"]
    }
}
