import Foundation

/// An `application/problem+json` body.
struct GatewayProblem: Decodable {
    var title: String?
    var status: Int?
    var detail: String?
}
