/// Who a right or a case share is granted to: one user or a group (by id).
public enum Subject: Sendable, Hashable {
    case user(String)
    case group(String)

    var kind: String {
        switch self {
        case .user: "user"
        case .group: "group"
        }
    }

    var id: String {
        switch self {
        case .user(let id), .group(let id): id
        }
    }

    init?(kind: String, id: String) {
        switch kind {
        case "user": self = .user(id)
        case "group": self = .group(id)
        default: return nil
        }
    }
}
