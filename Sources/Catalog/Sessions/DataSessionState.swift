/// Where a data session is in its life: `starting` until its runtime answers, `ready` while the
/// user works in it, `stopping` while it is being stopped, `ended` for good.
public enum DataSessionState: String, Sendable, Codable, CaseIterable {
    case starting, ready, stopping, ended
}
