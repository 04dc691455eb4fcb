/// Why a version is stored full. Recorded in the manifest so `inspect` can say why a case
/// takes the space it does.
public enum CaseFullReason: String, Codable, Sendable {
    /// The newest version of a case is always full: restoring it is one decode.
    case newest
    /// Kept as a keyframe so that no chain of deltas gets longer than `CasePolicy.maxChainLength`.
    case chainLength
    /// The delta came out larger than `CasePolicy.maxDeltaRatio` × the full frame: the versions
    /// differ too much for a delta to pay off.
    case deltaTooLarge
    /// This version and the one after it together exceed `CasePolicy.memoryBudget`, the memory a
    /// delta needs to encode or decode (both are mapped at once).
    case memoryBudget
}
