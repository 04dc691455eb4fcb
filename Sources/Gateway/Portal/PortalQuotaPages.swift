import Catalog
import Hummingbird

/// `/quotas` (everyone: their own use against each limit) and `/admin/quotas` (admins: anyone's
/// use, the limits set, and the form that sets or clears one). The rules are ``QuotaPolicy``'s,
/// as for the API.
enum PortalQuotaPages {
    static func add(_ portal: Portal) {
        portal.page("/quotas") { call in
            try await view(call, of: call.user, admin: false)
        }
        let adminPage: Portal.Page = { call in
            var target = call.user
            if let name = call.request.uri.queryParameters.get("user"), !name.isEmpty {
                target = try await UserRoutes.lookUp(name, call.catalog)
            }
            return try await view(call, of: target, admin: true)
        }
        portal.page("/admin/quotas", access: .admin, adminPage)
        portal.form("/admin/quotas", access: .admin, page: adminPage) { call, form in
            let kind = try QuotaPolicy.kind(try form.require("quota", "the quota"))
            let name = try form.require("name", "a user or group name").lowercased()
            let subject: Subject, shown: String
            switch form["subject"] ?? "user" {
            case "group":
                subject = .group(try await GroupRoutes.lookUp(name, call.catalog).id)
                shown = "group \(name)"
            default:
                subject = .user(try await UserRoutes.lookUp(name, call.catalog).id)
                shown = name
            }
            let text = (form["limit"] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                try await QuotaPolicy.clear(subject, kind, by: call.user, call.catalog)
                return .redirect("/admin/quotas", message: "The \(kind.rawValue) limit of \(shown) is cleared.")
            }
            let limit = try parse(text, kind)
            try await QuotaPolicy.set(subject, kind, limit: limit, by: call.user, call.catalog)
            return .redirect("/admin/quotas", message: "The \(kind.rawValue) limit of \(shown) is \(limit.map { shownValue($0, kind) } ?? "unlimited").")
        }
    }

    static func view(_ call: PortalCall, of target: User, admin: Bool) async throws -> PortalView {
        let usage = try await QuotaPolicy.usage(of: target, for: call.user, call.services)
        var groupNames: [String: String] = [:]
        for group in try await call.catalog.groups(ofUser: target.id) { groupNames[group.id] = group.name }
        let rows = usage.map { item -> [String: Any] in
            let source: String = switch item.limit.source {
            case .user: "user"
            case .group(let id): "group \(groupNames[id] ?? id)"
            case .serverDefault: "server default"
            }
            let full = item.used.map { used in item.limit.value.map { used >= $0 } ?? false } ?? false
            return ["kind": item.kind.rawValue, "noun": item.kind.noun, "used": item.used.map { shownValue($0, item.kind) } ?? "—",
                    "limit": item.limit.value.map { shownValue($0, item.kind) } ?? "unlimited", "source": source, "full": full]
        }
        var values: [String: Any] = ["usage": rows]
        if admin {
            values["isAdmin"] = true
            if target.id != call.user.id { values["subjectName"] = target.name }
            values["subjects"] = [["value": "user", "label": "user"], ["value": "group", "label": "group"]]
            values["kinds"] = QuotaKind.allCases.map { ["kind": $0.rawValue] }
            var settings: [[String: Any]] = []
            for setting in try await call.catalog.allQuotaSettings() {
                let subject: String
                switch setting.subject {
                case .user(let id): subject = try await call.catalog.user(id: id)?.name ?? id
                case .group(let id): subject = "group " + (try await call.catalog.group(id: id)?.name ?? id)
                }
                settings.append(["subject": subject, "kind": setting.kind.rawValue,
                                 "limit": setting.limit.map { shownValue($0, setting.kind) } ?? "unlimited"])
            }
            values["settings"] = settings
        }
        return PortalView("quotas", title: admin ? "Quotas" : "Your quotas", values)
    }

    /// A limit as typed: a whole number (sizes may end in K, M, G or T), or `unlimited`.
    static func parse(_ text: String, _ kind: QuotaKind) throws -> Int64? {
        if text.lowercased() == "unlimited" { return nil }
        var digits = text.uppercased()
        var scale: Int64 = 1
        if kind.isSize {
            if digits.hasSuffix("B") { digits.removeLast() }
            let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
            if let last = digits.last, let unit = units[last] { scale = unit; digits.removeLast() }
        }
        guard let value = Int64(digits), value >= 0, value <= Int64.max / scale else {
            throw Problem.badRequest(kind.isSize ? "A size limit is a number of bytes, e.g. 500M or 10G, or 'unlimited'."
                                                 : "A limit is a whole number, or 'unlimited'.")
        }
        return value * scale
    }

    static func shownValue(_ value: Int64, _ kind: QuotaKind) -> String {
        kind.isSize ? PortalFormat.size(value) : String(value)
    }
}
