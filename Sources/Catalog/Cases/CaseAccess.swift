/// What someone may do with a case. Ordered: `read` < `write` < `owner`.
public enum CaseAccess: String, Sendable, Hashable, Comparable, Codable {
    case read, write, owner

    private var rank: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .owner: 2
        }
    }

    public static func < (a: CaseAccess, b: CaseAccess) -> Bool { a.rank < b.rank }

    /// Whether this access lets its holder save versions (write share or owner): the one rule
    /// the API's save and solve checks and a job's result (``Catalog/saveJobResult(id:node:attempt:caseId:expectedHead:newHead:number:size:resultStatus:progress:by:now:)``) use.
    public var maySave: Bool { self >= .write }
}
