/// What a data session's or a job's token was made for. Such a token reaches only the cases and
/// jobs bound to it (``Catalog/caseReach(tokenId:caseId:)``), and stops working once its session
/// has ended or its job is no longer running.
public enum TokenBinding: Sendable, Hashable {
    /// The token of the data session with this id (`ATRIUM_TOKEN` of its `serve`).
    case dataSession(String)
    /// The token of one attempt of the job with this id (`ATRIUM_TOKEN` of its `solve`).
    case job(String)
}
