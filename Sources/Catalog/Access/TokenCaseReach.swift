/// How far a bound token (``TokenBinding``) reaches one case bound to it.
public enum TokenCaseReach: Sendable, Hashable {
    /// The whole case, as far as the token's user may (a data session's opened or created case).
    case whole
    /// This version only, for reading (a job's input).
    case version(Int64)
}
