/// A job a test queued and the case it solves (version 1 is the input; one result makes version 2).
struct SubmittedJob: Sendable, Hashable {
    let id: String
    let caseId: String
}
