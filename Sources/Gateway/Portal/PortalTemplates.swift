/// Every portal template by name. They are Swift strings so an installed binary needs no
/// resource bundle.
enum PortalTemplates {
    static let all: [(String, String)] = [
        ("layout", LayoutTemplate.text), ("message", MessageTemplate.text), ("logon", LogonTemplate.text),
        ("home", HomeTemplate.text), ("app", AppTemplate.text), ("packages", PackagesTemplate.text),
        ("cases", CasesTemplate.text), ("case", CaseTemplate.text), ("users", UsersTemplate.text),
        ("groups", GroupsTemplate.text), ("keys", KeysTemplate.text), ("audit", AuditTemplate.text),
        ("account", AccountTemplate.text), ("sessions", SessionsTemplate.text), ("log", LogTemplate.text),
        ("jobs", JobsTemplate.text), ("job", JobTemplate.text), ("license", LicenseTemplate.text), ("cluster", ClusterTemplate.text),
        ("store", StoreTemplate.text),
        ("confirm", ConfirmTemplate.text), ("password", PasswordTemplate.text), ("apps", AppsTemplate.text), ("launch", LaunchTemplate.text),
        ("packageNetwork", PackageNetworkTemplate.text),
        ("quotas", QuotasTemplate.text),
    ]
}
