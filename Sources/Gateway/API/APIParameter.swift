import HTTPTypes
import Hummingbird

/// A path, query or header parameter of an API route, with the rule its value must follow: the
/// OpenAPI document lists it and ``APIRouter`` checks it before the handler runs.
public struct APIParameter: Sendable {
    public enum Location: String, Sendable { case path, query, header }
    public let name: String
    public let location: Location
    public let required: Bool
    public let rule: APIValueRule
    public let description: String

    public init(_ name: String, in location: Location, required: Bool? = nil, _ rule: APIValueRule = .text(), _ description: String) {
        self.name = name
        self.location = location
        self.required = required ?? (location == .path)
        self.rule = rule
        self.description = description
    }

    /// The parameter's JSON Schema.
    public var schema: JSONValue { rule.schema }

    /// Checks the parameter in `request` (path values from `parameters`): 400 when a required one
    /// is missing, when a query parameter is given twice, or when the value breaks the rule.
    func check(_ request: Request, parameters: Parameters) throws {
        let values: [String]
        switch location {
        case .path: values = parameters.get(name).map { [$0] } ?? []
        case .query: values = request.uri.queryParameters[values: Substring(name)].map(String.init)
        case .header: values = HTTPField.Name(name).map { request.headers[values: $0] } ?? []
        }
        guard let value = values.first else {
            if required { throw Problem.badRequest("'\(name)' is required.") }
            return
        }
        guard values.count == 1 else { throw Problem.badRequest("'\(name)' must be given once.") }
        guard rule.admits(value) else { throw Problem.badRequest("'\(name)' must \(rule.requirement).") }
    }

    static let limitRange: ClosedRange<Int64> = 1...500
    static let offsetRange: ClosedRange<Int64> = 0...1_000_000_000
    /// `limit` of a paged list.
    public static let limit = APIParameter("limit", in: .query, .integer(limitRange), "Items per page (default 50).")
    /// `limit` and `offset` of a paged list.
    public static let paging = paging(offsetUpTo: offsetRange.upperBound)

    /// `limit` and `offset` of a list that fetches its newest `offset + limit + 1` rows at once,
    /// at most 10,000 (the catalog's bound): `offset` stops at 9,499.
    public static let newestPaging = paging(offsetUpTo: 10_000 - limitRange.upperBound - 1)

    static func paging(offsetUpTo maximum: Int64) -> [APIParameter] {
        [limit, APIParameter("offset", in: .query, .integer(0...maximum), "Items to skip.")]
    }
}
