/// Where a cluster node is in its membership: `up` while it heartbeats, `dead` once the master
/// declared it dead for missed heartbeats (its work was taken back), `left` after it said
/// goodbye (it handed its work back itself, so it is not counted as a failure).
public enum NodeState: String, Sendable, Codable, CaseIterable {
    case up, dead, left
}
